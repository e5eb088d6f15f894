/** modified, missing and extra: which objects are reported, and which are left out. */

import fastJsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import type { LiveState } from "../../src/live/types.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { deploymentYaml, edited, gitFrom, type Loose, liveFrom, managed } from "./helpers.js";

const configMap = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "shop", ...extra },
  data: { a: "1" },
});

const git = gitFrom(
  `${deploymentYaml()}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {a: "1"}\n`,
  "deploy/shop.yaml",
);
const [deployment, settings] = git.map((r) => r.object);

describe("statuses", () => {
  it("in-sync objects are left out", () => {
    const result = detectDrift(git, liveFrom([deployment as KubeObject, settings as KubeObject]));
    expect(result.drifts).toEqual([]);
    expect(result.summary).toMatchObject({ git: 2, live: 2, inSync: 2, modified: 0, missing: 0, extra: 0 });
  });

  it("an object Git declares that the listed scope lacks is missing, with its file and line", () => {
    const result = detectDrift(git, liveFrom([deployment as KubeObject, configMap("other")]));
    expect(result.drifts).toEqual([
      expect.objectContaining({
        kind: "ConfigMap",
        namespace: "shop",
        name: "settings",
        status: "missing",
        file: "deploy/shop.yaml",
        line: 18,
      }),
      expect.objectContaining({ kind: "ConfigMap", name: "other", status: "extra" }),
    ]);
  });

  it("an object in a scope the live source could not list is neither missing nor extra: a warning says why", () => {
    const live: LiveState = {
      ...liveFrom([deployment as KubeObject]),
      unlisted: [
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          namespace: "shop",
          reason: "forbidden",
          message: "forbidden: cannot list configmaps",
        },
      ],
    };
    const result = detectDrift(git, live);
    expect(result.drifts).toEqual([]);
    expect(result.warnings).toEqual(["ConfigMap in shop not compared: forbidden: cannot list configmaps"]);
  });

  it("extras are only reported in a kind and namespace Git manages", () => {
    const elsewhere = { ...configMap("x"), metadata: { name: "x", namespace: "kube-system" } };
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "shop" } };
    const result = detectDrift(git, liveFrom([deployment as KubeObject, settings as KubeObject, elsewhere, secret]));
    expect(result.drifts).toEqual([]);
  });

  it("owned, system, Helm-installed and IgnoreExtraneous objects are never extra", () => {
    const live = [
      deployment as KubeObject,
      settings as KubeObject,
      configMap("kube-root-ca.crt"),
      configMap("generated", { ownerReferences: [{ apiVersion: "v1", kind: "X", name: "x", uid: "1" }] }),
      configMap("chart", { annotations: { "meta.helm.sh/release-name": "r" } }),
      configMap("argo", { annotations: { "argocd.argoproj.io/compare-options": "IgnoreExtraneous" } }),
      configMap("hand-made"),
    ];
    const result = detectDrift(git, liveFrom(live));
    expect(result.drifts.map((d) => [d.status, d.name])).toEqual([["extra", "hand-made"]]);
    expect(result.drifts[0]).toMatchObject({ changes: [], patch: [] });
    expect(result.drifts[0]).not.toHaveProperty("file");
  });

  it("a namespace-less manifest lives in the default namespace", () => {
    const bare = gitFrom(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: "1"}\n`);
    const live = { ...configMap("settings"), metadata: { name: "settings", namespace: "prod" } };
    expect(detectDrift(bare, liveFrom([live], [], "prod")).drifts).toEqual([]);
    expect(
      detectDrift(bare, liveFrom([live], [{ apiVersion: "v1", kind: "ConfigMap", namespace: "default" }], "default")).drifts,
    ).toMatchObject([
      // prod is not a namespace Git manages: its ConfigMap is not called extra
      { status: "missing", namespace: "default" },
    ]);
  });

  it("an object declared twice is compared once, with a warning", () => {
    const twice = gitFrom(`${deploymentYaml()}---\n${deploymentYaml()}`, "a.yaml");
    const result = detectDrift(twice, liveFrom([deployment as KubeObject]));
    expect(result.summary.git).toBe(1);
    expect(result.warnings[0]).toMatch(/also declared in a\.yaml/);
  });
});

describe("the patch", () => {
  const live = edited(deployment as KubeObject, (c) => {
    const spec = c.spec as Loose;
    spec.template.spec.containers[0].image = "web:2";
    spec.template.spec.containers.push({ name: "debug", image: "busybox:1.36", command: ["sleep", "infinity"] });
    delete spec.selector.matchLabels;
    spec.selector.matchLabels = { app: "web" };
    (c.metadata as KubeObject).labels = { team: "shop" };
    (c.metadata as KubeObject).managedFields = [
      managed("kubectl-edit", {
        "f:metadata": { "f:labels": { ".": {}, "f:team": {} } },
        "f:spec": {
          "f:template": {
            "f:spec": {
              "f:containers": {
                'k:{"name":"web"}': { "f:image": {} },
                'k:{"name":"debug"}': { ".": {}, "f:name": {}, "f:image": {}, "f:command": {} },
              },
            },
          },
        },
      }),
    ];
  });

  it("turns the Git object into the live one: re-compared, nothing is left", () => {
    const drift = detectDrift(git, liveFrom([live, settings as KubeObject])).drifts[0];
    expect(drift?.patch.map((op) => [op.op, op.path])).toEqual([
      ["replace", "/spec/template/spec/containers/0/image"],
      ["add", "/metadata/labels"],
      ["add", "/spec/template/spec/containers/-"],
    ]);
    const patched = fastJsonPatch.applyPatch(structuredClone(deployment), drift?.patch ?? [], true, false)
      .newDocument as KubeObject;
    const again = detectDrift(gitFrom(JSON.stringify(patched)), liveFrom([live]));
    expect(again.drifts).toEqual([]);
  });

  it("removals go last, highest position first", () => {
    const gitArgs = gitFrom(
      deploymentYaml(
        "          args: [a, b]\n          env:\n            - {name: A, value: a}\n            - {name: B, value: b}\n            - {name: C, value: c}\n",
      ),
    );
    const liveArgs = edited(gitArgs[0]?.object as KubeObject, (c) => {
      const container = (c as Loose).spec.template.spec.containers[0];
      container.env = [container.env[1]];
      container.image = "x:1";
    });
    const patch = detectDrift(gitArgs, liveFrom([liveArgs])).drifts[0]?.patch ?? [];
    expect(patch.map((op) => `${op.op} ${op.path}`)).toEqual([
      "replace /spec/template/spec/containers/0/image",
      "remove /spec/template/spec/containers/0/env/2",
      "remove /spec/template/spec/containers/0/env/0",
    ]);
    const patched = fastJsonPatch.applyPatch(structuredClone(gitArgs[0]?.object), patch, true, false).newDocument;
    expect(detectDrift(gitFrom(JSON.stringify(patched)), liveFrom([liveArgs])).drifts).toEqual([]);
  });
});
