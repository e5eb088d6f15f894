/** Ignore rules from the configuration, Argo CD and Flux, and the jq subset they may use. */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { readDriftConfig } from "../../src/drift/config.js";
import { parseJqPath, resolveJqPath } from "../../src/drift/jq-path.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { deploymentYaml, edited, gitFrom, type Loose, liveFrom } from "./helpers.js";

const git = gitFrom(deploymentYaml("          env:\n            - {name: MODE, value: a}\n"), "apps/shop/deploy.yaml");
const live = edited(git[0]?.object as KubeObject, (c) => {
  const spec = c.spec as Loose;
  spec.replicas = 5;
  spec.template.spec.containers[0].image = "web:2";
  spec.template.spec.containers[0].env[0].value = "b";
});
const paths = (result: ReturnType<typeof detectDrift>) => result.drifts.flatMap((d) => d.changes.map((c) => c.path));
const IMAGE = "/spec/template/spec/containers/0/image";
const ENV = "/spec/template/spec/containers/0/env/0/value";

describe("configuration ignore rules", () => {
  it("silence JSON pointers on the objects they name", () => {
    const config = readDriftConfig({
      ignore: [{ kind: "Deployment", name: "w*", pointers: ["/spec/replicas", "/spec/template/spec/containers/0/env"] }],
    });
    expect(paths(detectDrift(git, liveFrom([live]), { config }))).toEqual([IMAGE]);
    const other = readDriftConfig({ ignore: [{ kind: "StatefulSet", pointers: ["/spec/replicas"] }] });
    expect(paths(detectDrift(git, liveFrom([live]), { config: other }))).toEqual(["/spec/replicas", IMAGE, ENV]);
  });

  it("select list items with jq", () => {
    const config = readDriftConfig({
      ignore: [{ jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .image'] }],
    });
    expect(paths(detectDrift(git, liveFrom([live]), { config }))).toEqual(["/spec/replicas", ENV]);
  });

  it("an entry naming no fields leaves the object alone", () => {
    const config = readDriftConfig({ ignore: [{ kind: "Deployment", name: "web" }] });
    expect(detectDrift(git, liveFrom([live]), { config }).drifts).toEqual([]);
  });

  it("an unsupported jq expression is a warning, not a guess", () => {
    const config = readDriftConfig({ ignore: [{ jqPathExpressions: [".spec | keys"] }] });
    expect(detectDrift(git, liveFrom([live]), { config }).warnings[0]).toMatch(/not supported/);
  });
});

describe("Argo CD", () => {
  const application = (path: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop, namespace: argocd}
spec:
  source: {repoURL: "https://example.com/repo.git", path: ${path}}
  destination: {namespace: shop}
  ignoreDifferences:
    - group: apps
      kind: Deployment
      jsonPointers: [/spec/replicas]
    - group: apps
      kind: Deployment
      jqPathExpressions: ['.spec.template.spec.containers[].env']
`;
  it("applies an Application's ignoreDifferences to the files under its source path", () => {
    const app = gitFrom(application("apps/shop"), "argo/shop.yaml");
    expect(paths(detectDrift([...git, ...app], liveFrom([live])))).toEqual([IMAGE]);
    const elsewhere = gitFrom(application("apps/other"), "argo/other.yaml");
    expect(paths(detectDrift([...git, ...elsewhere], liveFrom([live])))).toEqual(["/spec/replicas", IMAGE, ENV]);
  });

  it("reads system-wide rules from argocd-cm", () => {
    const cm = gitFrom(`apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-cm, namespace: argocd}
data:
  resource.customizations.ignoreDifferences.apps_Deployment: |
    jsonPointers:
    - /spec/replicas
  resource.customizations.ignoreDifferences.all: |
    managedFieldsManagers:
    - kube-controller-manager
`);
    expect(paths(detectDrift([...git, ...cm], liveFrom([live])))).toEqual([IMAGE, ENV]);
  });
});

describe("Flux", () => {
  const kustomization = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: shop, namespace: flux-system}
spec:
  path: ./apps/shop
  driftIgnoreRules:
    - paths: [/spec/replicas]
      target: {kind: Deploy.*, name: web}
`;
  it("applies a Kustomization's driftIgnoreRules to the objects it targets under its path", () => {
    expect(paths(detectDrift([...git, ...gitFrom(kustomization, "clusters/prod/shop.yaml")], liveFrom([live])))).toEqual([
      IMAGE,
      ENV,
    ]);
  });

  it.each([
    ["kustomize.toolkit.fluxcd.io/reconcile", "disabled"],
    ["kustomize.toolkit.fluxcd.io/ssa", "Ignore"],
    ["kustomize.toolkit.fluxcd.io/ssa", "IfNotPresent"],
    ["helm.toolkit.fluxcd.io/driftDetection", "disabled"],
  ])("an object annotated %s: %s is not compared", (key, value) => {
    const annotated = edited(live, (c) => ((c.metadata as KubeObject).annotations = { [key]: value }));
    expect(detectDrift(git, liveFrom([annotated])).drifts).toEqual([]);
  });

  it("IfNotPresent still reports a missing object; reconcile: disabled does not", () => {
    const only = (annotation: string) =>
      gitFrom(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n  annotations: {${annotation}}\n`);
    const empty = liveFrom([], [{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }]);
    expect(detectDrift(only("kustomize.toolkit.fluxcd.io/ssa: IfNotPresent"), empty).drifts).toMatchObject([
      { status: "missing" },
    ]);
    expect(detectDrift(only("kustomize.toolkit.fluxcd.io/reconcile: disabled"), empty).drifts).toEqual([]);
  });
});

describe("jq paths", () => {
  const object = {
    spec: {
      containers: [
        { name: "a", image: "x" },
        { name: "b", image: "y" },
      ],
    },
    metadata: { annotations: { "a/b": "1" } },
  };
  it.each([
    [".spec.containers[].image", ["/spec/containers/0/image", "/spec/containers/1/image"]],
    ['.spec.containers[] | select(.name == "b") | .image', ["/spec/containers/1/image"]],
    ['.metadata.annotations["a/b"]', ["/metadata/annotations/a~1b"]],
    [".spec.containers[1]", ["/spec/containers/1"]],
    [".spec.missing", []],
  ])("%s", (expression, expected) => {
    const parsed = parseJqPath(expression);
    expect(parsed).toBeDefined();
    const found = resolveJqPath(parsed ?? [], object).map(
      (segments) => `/${segments.map((s) => String(s).replaceAll("/", "~1")).join("/")}`,
    );
    expect(found).toEqual(expected);
  });
  it.each([".spec | keys", "del(.spec)", ".spec..image", ""])("rejects %j", (expression) => {
    expect(parseJqPath(expression)).toBeUndefined();
  });
});
