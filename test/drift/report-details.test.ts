/**
 * What a drift report says beyond the values: who removed a field, which fields wait for the sync,
 * the ignore rule a controller's change calls for, and Secret values that are never shown.
 */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { namedJqPath } from "../../src/drift/suggest-ignore.js";
import type { Drift } from "../../src/drift/types.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { renderDrift } from "../../src/report/drift-render.js";
import { suggestedIgnores } from "../../src/report/drift-values.js";
import { run } from "../cli/helpers.js";
import { deploymentYaml, edited, gitFrom, type Loose, liveFrom, managed } from "./helpers.js";

const git = gitFrom(deploymentYaml("          imagePullPolicy: Always\n"));
const gitObject = git[0]?.object as KubeObject;
const webFields = (fields: Record<string, unknown>) => ({
  "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': fields } } } },
});

/** The live Deployment without the container's imagePullPolicy, with these managedFields. */
function withoutPullPolicy(...entries: KubeObject[]): KubeObject {
  return edited(gitObject, (copy) => {
    delete (copy as Loose).spec.template.spec.containers[0].imagePullPolicy;
    (copy.metadata as KubeObject).managedFields = entries;
  });
}

describe("a removed field", () => {
  const applied = managed("argocd-controller", { "f:spec": { "f:replicas": {}, "f:template": {} } }, { operation: "Apply" });

  it("is attributed to the latest imperative update of its parent, and says it is inferred", () => {
    const older = managed("kubectl-set", webFields({ "f:image": {} }), { time: "2025-01-01T00:00:00Z" });
    const edit = managed("kubectl-edit", webFields({ "f:image": {} }), { time: "2025-03-01T10:00:00Z" });
    const result = detectDrift(git, liveFrom([withoutPullPolicy(applied, older, edit)]));
    const change = result.drifts[0]?.changes[0];
    expect(change).toMatchObject({
      display: "spec.template.spec.containers[web].imagePullPolicy",
      live: undefined,
      owner: { manager: "kubectl-edit", actor: "imperative", time: "2025-03-01T10:00:00Z", inferred: true },
    });
    const text = renderDrift("text", result, { color: false });
    expect(text).toContain("by kubectl-edit (imperative, the latest to update its parent) on 2025-03-01 10:00 UTC");
    expect(text).not.toContain("unknown actor");
  });

  it("stays unattributed when no person's update touched the parent (a controller's is no evidence)", () => {
    const controller = managed("vpa-updater", webFields({ "f:resources": {} }));
    const change = detectDrift(git, liveFrom([withoutPullPolicy(applied, controller)])).drifts[0]?.changes[0];
    expect(change?.display).toBe("spec.template.spec.containers[web].imagePullPolicy");
    expect(change?.owner).toBeUndefined();
    expect(change?.unattributed).toBe(true);
    const text = renderDrift("text", detectDrift(git, liveFrom([withoutPullPolicy(applied, controller)])), { color: false });
    expect(text).toContain("by an unknown actor (no person's update of its parent in managedFields)");
  });
});

describe("the suggested ignore rule", () => {
  it("names list items by their name, in a jq path Argo CD users know", () => {
    const object = { spec: { template: { spec: { containers: [{ name: "sidecar" }, { name: "web" }] } } } };
    expect(namedJqPath(object, ["spec", "template", "spec", "containers", 1, "resources", "requests", "cpu"])).toBe(
      '.spec.template.spec.containers[] | select(.name == "web") | .resources.requests.cpu',
    );
    expect(namedJqPath(object, ["spec", "template", "spec", "containers", 1])).toBe(
      '.spec.template.spec.containers[] | select(.name == "web")',
    );
    // no named item on the way: the pointer says it as well
    expect(namedJqPath(object, ["spec", "replicas"])).toBeUndefined();
  });

  const drift = (suggestIgnore: NonNullable<Drift["changes"][number]["suggestIgnore"]>): Drift => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "shop",
    name: "web",
    status: "modified",
    changes: [{ path: suggestIgnore.pointer, display: "x", git: 1, live: 2, suggestIgnore }],
    patch: [],
  });
  const pointer = "/spec/template/spec/containers/1/resources/requests/cpu";

  it("trusts the controller that owns the field, in the object's namespace", () => {
    const rule = { kind: "Deployment", name: "web", pointer, manager: "vpa-updater", jqPath: ".x" };
    expect(suggestedIgnores([drift(rule)])).toEqual([
      "- {kind: Deployment, namespace: shop, name: web, managers: [vpa-updater]}",
    ]);
  });

  it("falls back to the jq path, then the pointer, quoted so YAML reads them back", () => {
    const jqPath = '.spec.template.spec.containers[] | select(.name == "web") | .resources';
    expect(suggestedIgnores([drift({ kind: "Deployment", name: "web", pointer, jqPath })])).toEqual([
      `- {kind: Deployment, namespace: shop, name: web, jqPathExpressions: ['${jqPath}']}`,
    ]);
    expect(suggestedIgnores([drift({ kind: "Deployment", name: "web", pointer })])).toEqual([
      `- {kind: Deployment, namespace: shop, name: web, pointers: ['${pointer}']}`,
    ]);
  });
});

describe("plumbline drift on the example shop", () => {
  const args = ["drift", "--git", "examples/shop", "--live", "examples/live"];

  it("names the fields that wait for the GitOps sync", async () => {
    const { stdout } = await run(process.cwd(), args);
    expect(stdout).toContain(
      "1 field waits for the GitOps sync (Git is ahead): Deployment shop/frontend spec.revisionHistoryLimit.",
    );
    const markdown = await run(process.cwd(), [...args, "--format", "markdown"]);
    expect(markdown.stdout).toContain("`Deployment shop/frontend spec.revisionHistoryLimit`");
  });

  it("says only 'value changed' for a Secret without PLUMBLINE_FINGERPRINT_KEY", async () => {
    for (const format of ["text", "markdown", "json"]) {
      const { stdout } = await run(process.cwd(), [...args, "--format", format]);
      expect(stdout, format).not.toContain("hmac:");
    }
    expect((await run(process.cwd(), args)).stdout).toContain("data.password  value changed\n");
  });

  it("shows fingerprints that stay the same across runs with PLUMBLINE_FINGERPRINT_KEY, and change with the key", async () => {
    const fingerprints = async (key: string) => {
      const { stdout } = await run(process.cwd(), args, { env: { PLUMBLINE_FINGERPRINT_KEY: key } });
      return /data\.password {2}value changed \((hmac:[0-9a-f]{8}) → (hmac:[0-9a-f]{8})\)/.exec(stdout)?.slice(1);
    };
    const first = await fingerprints("team-key");
    expect(first).toHaveLength(2);
    expect(await fingerprints("team-key")).toEqual(first);
    expect(await fingerprints("another-key")).not.toEqual(first);
  });
});
