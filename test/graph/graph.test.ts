import { describe, expect, it } from "vitest";
import { buildGraph, buildGraphs } from "../../src/graph/graph.js";
import { parseManifestText } from "../../src/manifests/parse.js";

const load = (text: string, scope = "files") => parseManifestText(text, "g.yaml", scope).resources;

const deployment = (name: string, namespace: string | undefined, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ""}spec:
  replicas: 3
  selector: {matchLabels: ${labels}}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers: [{name: app, image: "app:1"}]
`;

describe("resource graph", () => {
  const resources = load(
    [
      deployment("web", "shop", "{app: web, tier: front}"),
      deployment("web", "other", "{app: web}"),
      deployment("plain", undefined, "{app: plain}"),
      `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}}`,
      `apiVersion: v1
kind: Service
metadata: {name: manual, namespace: shop}
spec: {ports: [{port: 80}]}`,
      `apiVersion: v1
kind: Service
metadata: {name: plain}
spec: {selector: {app: plain}}`,
      `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec:
  minAvailable: 1
  selector:
    matchExpressions: [{key: tier, operator: In, values: [front, back]}]`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}}`,
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}`,
      `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec: {target: {name: db-credentials}}`,
      `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: api-key, namespace: shop}`,
      `apiVersion: v1
kind: Namespace
metadata: {name: shop}`,
    ].join("\n---\n"),
  );
  const graph = buildGraph(resources, {
    external: { namespaces: ["monitoring"], resources: [{ kind: "ConfigMap", name: "cluster-ca" }] },
  });
  const workload = (name: string, namespace: string) => {
    const found = graph.workloads.find((w) => w.resource.name === name && w.namespace === namespace);
    if (!found) throw new Error(`no workload ${namespace}/${name}`);
    return found;
  };
  const names = (list: readonly { name: string }[]) => list.map((r) => r.name).sort();

  it("a Service selects pods only in its own namespace", () => {
    expect(names(graph.selecting(workload("web", "shop"), "Service"))).toEqual(["web"]);
    expect(names(graph.selecting(workload("web", "other"), "Service"))).toEqual([]);
  });

  it("objects without a namespace share the default one", () => {
    expect(workload("plain", "default").namespace).toBe("default");
    expect(names(graph.selecting(workload("plain", "default"), "Service"))).toEqual(["plain"]);
  });

  it("evaluates matchExpressions, and an empty podSelector selects every pod of the namespace", () => {
    expect(names(graph.selecting(workload("web", "shop"), "PodDisruptionBudget"))).toEqual(["web"]);
    expect(names(graph.selecting(workload("web", "shop"), "NetworkPolicy"))).toEqual(["default-deny"]);
    expect(names(graph.selecting(workload("web", "other"), "NetworkPolicy"))).toEqual([]);
  });

  it("a Service without a selector selects nothing", () => {
    const manual = resources.find((r) => r.name === "manual");
    expect(manual).toBeDefined();
    expect(graph.workloads.filter((w) => graph.selecting(w, "Service").includes(manual as never))).toEqual([]);
  });

  it("finds the autoscalers that target a workload by kind and name", () => {
    expect(names(graph.autoscalersOf(workload("web", "shop")))).toEqual(["web"]);
    expect(graph.autoscalersOf(workload("web", "other"))).toEqual([]);
  });

  it("resolves references: found, provided by a generator, declared external, or missing", () => {
    expect(graph.lookup("Service", "shop", "web").status).toBe("found");
    expect(graph.lookup("Secret", "shop", "db-credentials")).toMatchObject({ status: "provided" });
    expect(graph.lookup("Secret", "shop", "api-key")).toMatchObject({ status: "provided" });
    expect(graph.lookup("ConfigMap", "anywhere", "cluster-ca").status).toBe("external");
    expect(graph.lookup("Secret", "other", "db-credentials").status).toBe("missing");
  });

  it("knows the namespaces declared, configured, and built in", () => {
    expect(graph.namespaceKnown("shop")).toBe(true);
    expect(graph.namespaceKnown("monitoring")).toBe(true);
    expect(graph.namespaceKnown("kube-system")).toBe(true);
    expect(graph.namespaceKnown("payments")).toBe(false);
  });

  it("keeps scopes apart", () => {
    const a = load(deployment("web", "shop", "{app: web}"), "kustomize:prod");
    const b = load(
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}`,
      "kustomize:staging",
    );
    const graphs = buildGraphs([...a, ...b]);
    const prod = graphs.get("kustomize:prod");
    const web = prod?.workloads[0];
    expect(web && prod?.selecting(web, "Service")).toEqual([]);
  });
});
