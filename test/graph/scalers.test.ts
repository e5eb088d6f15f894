import { describe, expect, it } from "vitest";
import { singleUserClaims } from "../../src/graph/claims.js";
import { buildGraph } from "../../src/graph/graph.js";
import { replicaRange, scalersOf } from "../../src/graph/scalers.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { Resource } from "../../src/manifests/resource.js";

const load = (...docs: string[]) => parseManifestText(docs.join("\n---\n"), "g.yaml", "files").resources;

const deployment = (name: string, replicas?: number, namespace = "shop") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${replicas === undefined ? "" : `  replicas: ${replicas}\n`}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: "app:1"}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: ${name}-data}}, {name: tmp, emptyDir: {}}]`;

const hpa = (name: string, target: string, bounds: string, apiVersion = "autoscaling/v2") => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: ${name}, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}, ${bounds}}`;

const keda = (name: string, target: string, bounds = "") => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: ${name}, namespace: shop}
spec: {scaleTargetRef: {name: ${target}}${bounds ? `, ${bounds}` : ""}}`;

function named(resources: readonly Resource[], kind: string, name: string): Resource {
  const found = resources.find((r) => r.kind === kind && r.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

describe("autoscalers in the graph", () => {
  const resources = load(
    deployment("web", 3),
    deployment("api"),
    deployment("worker", 2),
    deployment("plain", 4),
    deployment("web", 3, "other"),
    hpa("web", "web", "minReplicas: 2, maxReplicas: 8"),
    hpa("api", "api", "maxReplicas: 5", "autoscaling/v1"),
    keda("worker", "worker"),
    // not an autoscaler: a look-alike kind from another API group
    `apiVersion: example.com/v1\nkind: ScaledObject\nmetadata: {name: fake, namespace: shop}\nspec: {scaleTargetRef: {name: plain}}`,
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: web-data, namespace: shop}\nspec: {accessModes: [ReadWriteOnce]}`,
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: api-data, namespace: shop}\nspec: {accessModes: [ReadWriteMany]}`,
  );
  const graph = buildGraph(resources);

  it("finds HPAs of any version and KEDA ScaledObjects (kind defaulting to Deployment) in the same namespace", () => {
    expect(scalersOf(graph, named(resources, "Deployment", "web")).map((r) => r.kind)).toEqual(["HorizontalPodAutoscaler"]);
    expect(scalersOf(graph, named(resources, "Deployment", "worker")).map((r) => r.kind)).toEqual(["ScaledObject"]);
    expect(scalersOf(graph, named(resources, "Deployment", "plain"))).toEqual([]);
    const otherWeb = resources.find((r) => r.name === "web" && r.namespace === "other") as Resource;
    expect(scalersOf(graph, otherWeb)).toEqual([]);
  });

  it("gives the replica range with the API server's and KEDA's defaults", () => {
    expect(replicaRange(graph, named(resources, "Deployment", "web"))).toMatchObject({ min: 2, max: 8 });
    expect(replicaRange(graph, named(resources, "Deployment", "api"))).toMatchObject({ min: 1, max: 5 });
    expect(replicaRange(graph, named(resources, "Deployment", "worker"))).toMatchObject({ min: 0, max: 100 });
    expect(replicaRange(graph, named(resources, "Deployment", "plain"))).toMatchObject({ min: 4, max: 4, scalers: [] });
  });

  it("resolves a pod template's claims to their single-user access modes", () => {
    expect(singleUserClaims(graph, named(resources, "Deployment", "web"))).toEqual([
      {
        volume: "data",
        claimName: "web-data",
        mode: "ReadWriteOnce",
        path: "/spec/template/spec/volumes/0/persistentVolumeClaim/claimName",
      },
    ]);
    expect(singleUserClaims(graph, named(resources, "Deployment", "api"))).toEqual([]);
    expect(singleUserClaims(graph, named(resources, "Deployment", "worker"))).toEqual([]);
  });
});

describe("autoscalers across a namespace left out", () => {
  it("reads a missing namespace as default on either side, as the rest of the graph does", () => {
    const resources = load(
      deployment("web", 3).replace("namespace: shop", "namespace: prod"),
      hpa("web", "web", "maxReplicas: 5").replace("namespace: shop}", "}"),
      deployment("api", 3).replace(", namespace: shop}", "}"),
      hpa("api", "api", "maxReplicas: 5"),
      deployment("cart", 3).replace(", namespace: shop}", "}"),
      hpa("cart", "cart", "maxReplicas: 5").replace("namespace: shop}", "namespace: default}"),
    );
    const graph = buildGraph(resources);
    expect(scalersOf(graph, named(resources, "Deployment", "web"))).toEqual([]);
    expect(scalersOf(graph, named(resources, "Deployment", "api"))).toEqual([]);
    expect(scalersOf(graph, named(resources, "Deployment", "cart"))).toHaveLength(1);
    const strict = buildGraph(
      load(deployment("web", 3).replace("namespace: shop", "namespace: prod"), hpa("web", "web", "maxReplicas: 5")),
    );
    expect(scalersOf(strict, strict.resources[0] as Resource)).toEqual([]);
  });
});

describe("replica counts that are no count", () => {
  it("gives no range when spec.replicas or a scaler's bound is written as something else", () => {
    const resources = load(
      deployment("web", 3).replace("replicas: 3", 'replicas: "3"'),
      deployment("api", 3).replace("replicas: 3", "replicas: -1"),
      deployment("worker", 3),
      hpa("worker", "worker", 'minReplicas: "2", maxReplicas: 5'),
      deployment("plain"),
      deployment("empty", 2).replace("replicas: 2", "replicas:"),
    );
    const graph = buildGraph(resources);
    expect(replicaRange(graph, named(resources, "Deployment", "web"))).toBeUndefined();
    expect(replicaRange(graph, named(resources, "Deployment", "api"))).toBeUndefined();
    expect(replicaRange(graph, named(resources, "Deployment", "worker"))).toBeUndefined();
    // absent, or a key with nothing after it, is the API server's default of 1
    expect(replicaRange(graph, named(resources, "Deployment", "plain"))).toMatchObject({ min: 1, max: 1 });
    expect(replicaRange(graph, named(resources, "Deployment", "empty"))).toMatchObject({ min: 1, max: 1 });
  });
});
