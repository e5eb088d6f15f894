import { describe, expect, it } from "vitest";
import { buildGraphs } from "../../src/graph/graph.js";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { Resource } from "../../src/manifests/resource.js";

const configMap = (name: string, namespace = "shop") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${namespace}}\ndata: {a: b}\n`;

function load(files: Record<string, string>, scope = FILES_SCOPE): Resource[] {
  return Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file, scope).resources);
}

const names = (resources: readonly Resource[] | undefined) => resources?.map((r) => `${r.source.file}:${r.name}`).sort();

describe("scopes of plain files", () => {
  const resources = load({
    "deploy/top.yaml": configMap("top"),
    "deploy/app/a.yaml": configMap("a"),
    "deploy/app/sub/b.yaml": configMap("b"),
    "deploy/other/c.yaml": configMap("c"),
    "deploy/app-two/d.yaml": configMap("d"),
    "root.yaml": configMap("root"),
  });
  const byName = (name: string) => resources.find((r) => r.name === name) as Resource;

  it("a file sees its directory, the directories below it and those above it, never a sibling folder", () => {
    const graphs = buildGraphs(resources);
    expect(names(graphs.of(byName("a"))?.resources)).toEqual([
      "deploy/app/a.yaml:a",
      "deploy/app/sub/b.yaml:b",
      "deploy/top.yaml:top",
      "root.yaml:root",
    ]);
    expect(names(graphs.of(byName("c"))?.resources)).toEqual(["deploy/other/c.yaml:c", "deploy/top.yaml:top", "root.yaml:root"]);
    // a name that only starts like the directory's is a sibling, not a child
    expect(names(graphs.of(byName("d"))?.resources)).not.toContain("deploy/app/a.yaml:a");
    expect(graphs.of(byName("top"))?.resources).toHaveLength(6);
    expect(graphs.of(byName("root"))?.resources).toHaveLength(6);
  });

  it("keeps input order inside a scope", () => {
    const graph = buildGraphs(resources).of(byName("b"));
    expect(graph?.resources.map((r) => r.name)).toEqual(["top", "a", "b", "root"]);
  });

  it("joins a configured tree into one scope", () => {
    const treeOf = (dir: string) => (dir === "deploy" || dir.startsWith("deploy/") ? "deploy" : undefined);
    const graphs = buildGraphs(resources, { treeOf });
    expect(graphs.of(byName("a"))).toBe(graphs.of(byName("c")));
    expect(graphs.of(byName("c"))?.resources).toHaveLength(6);
  });

  it("counts a Namespace declared in any scope of the run, a sibling folder or another Kustomization", () => {
    const namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    const plain = load({ "apps/a/cm.yaml": configMap("a"), "namespaces/shop.yaml": namespace });
    const rendered = load({ "overlay/kustomization.yaml": configMap("k", "billing") }, "kustomize:overlay");
    const fromKustomize = load(
      { "base/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: billing}\n" },
      "kustomize:base",
    );
    const graphs = buildGraphs([...plain, ...rendered, ...fromKustomize]);
    expect(graphs.of(plain[0] as Resource)?.namespaceKnown("shop")).toBe(true);
    expect(graphs.of(rendered[0] as Resource)?.namespaceKnown("billing")).toBe(true);
    expect(graphs.of(rendered[0] as Resource)?.namespaceKnown("payments")).toBe(false);
  });

  it("knows the namespaces Flux bootstrap, HelmReleases and Argo CD Applications create", () => {
    const gitops = load({
      "clusters/prod/apps.yaml": `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec: {path: ./apps, sourceRef: {kind: GitRepository, name: flux-system}}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: redis, namespace: flux-system}
spec: {targetNamespace: cache, install: {createNamespace: true}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web, namespace: argocd}
spec:
  destination: {namespace: web}
  syncPolicy: {syncOptions: [CreateNamespace=true]}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: db, namespace: argocd}
spec:
  destination: {namespace: db}
`,
    });
    const graph = buildGraphs(gitops).of(gitops[0] as Resource);
    for (const namespace of ["flux-system", "cache", "argocd", "web"]) expect(graph?.namespaceKnown(namespace)).toBe(true);
    expect(graph?.namespaceKnown("db")).toBe(false);
  });
});

describe("scopes of a deeply nested tree", () => {
  it("stay linear: past a budget the tree is judged as one scope instead of one overlapping lineage per level", () => {
    // 800 levels of 5 files: working out each level's lineage (every level's is the whole chain) takes
    // seconds and grows with the square of the depth; within the budget it is a fraction of a second
    const template = load({ "deep/f.yaml": configMap("c") })[0] as Resource;
    const resources: Resource[] = [];
    let dir = "deep";
    for (let depth = 0; depth < 800; depth++) {
      dir += "/x";
      for (let i = 0; i < 5; i++)
        resources.push({ ...template, name: `c${depth}-${i}`, source: { ...template.source, file: `${dir}/f${i}.yaml` } });
    }
    const started = performance.now();
    const graphs = buildGraphs(resources);
    const deepest = graphs.of(resources.at(-1) as Resource);
    for (const resource of resources) graphs.of(resource);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(deepest?.resources).toHaveLength(resources.length);
  });
});
