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

  it("resolves the objects Kubernetes itself creates, in every namespace or in the one they live in", () => {
    expect(graph.lookup("ConfigMap", "payments", "kube-root-ca.crt")).toEqual({ status: "built-in", keys: ["ca.crt"] });
    expect(graph.lookup("ServiceAccount", "shop", "default")).toEqual({ status: "built-in" });
    expect(graph.lookup("Service", "default", "kubernetes").status).toBe("built-in");
    expect(graph.lookup("Service", "shop", "kubernetes").status).toBe("missing");
    expect(graph.lookup("Secret", "shop", "kube-root-ca.crt").status).toBe("missing");
    // one defined in the manifests is judged as written
    const own = buildGraph(load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-root-ca.crt, namespace: shop}"));
    expect(own.lookup("ConfigMap", "shop", "kube-root-ca.crt").status).toBe("found");
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
    const prod = a[0] && graphs.of(a[0]);
    const web = prod?.workloads[0];
    expect(web && prod?.selecting(web, "Service")).toEqual([]);
  });
});

describe("labels a controller adds to its pods", () => {
  const workloadOf = (kind: string, apiVersion: string, template: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: app, namespace: shop}
spec:
  selector: {matchLabels: {app: app}}
  ${template}
`;
  const template = `template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: app, image: "app:1"}]}`;
  const cronTemplate = `schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: app}}
        spec: {restartPolicy: Never, containers: [{name: app, image: "app:1"}]}`;
  const selects = (manifest: string, matchLabels: Record<string, string>, expressions: object[] = []) => {
    const graph = buildGraph(load(manifest));
    return graph.workloadsSelectedBy("shop", {
      matchLabels: { app: "app", ...matchLabels },
      matchExpressions: expressions as never,
    }).length;
  };

  it("count as met for the kinds whose controller adds them", () => {
    const statefulSet = workloadOf("StatefulSet", "apps/v1", template);
    expect(selects(statefulSet, { "statefulset.kubernetes.io/pod-name": "app-0" })).toBe(1);
    expect(selects(statefulSet, { "apps.kubernetes.io/pod-index": "2", "controller-revision-hash": "app-5d" })).toBe(1);
    expect(selects(workloadOf("Deployment", "apps/v1", template), { "pod-template-hash": "7c9d" })).toBe(1);
    expect(selects(workloadOf("DaemonSet", "apps/v1", template), { "controller-revision-hash": "app-5d" })).toBe(1);
    const job = workloadOf("Job", "batch/v1", template);
    for (const key of ["job-name", "controller-uid", "batch.kubernetes.io/job-name", "batch.kubernetes.io/controller-uid"]) {
      expect(selects(job, { [key]: "x" }), key).toBe(1);
    }
    expect(selects(workloadOf("CronJob", "batch/v1", cronTemplate), { "batch.kubernetes.io/job-name": "app-28934" })).toBe(1);
    // an expression on such a key holds too
    expect(selects(statefulSet, {}, [{ key: "statefulset.kubernetes.io/pod-name", operator: "In", values: ["app-0"] }])).toBe(1);
  });

  it("do not count for kinds that do not add them, nor help the template's own labels", () => {
    expect(selects(workloadOf("Deployment", "apps/v1", template), { "statefulset.kubernetes.io/pod-name": "app-0" })).toBe(0);
    expect(selects(workloadOf("ReplicaSet", "apps/v1", template), { "pod-template-hash": "7c9d" })).toBe(0);
    expect(selects(workloadOf("StatefulSet", "apps/v1", template), { app: "other" })).toBe(0);
  });

  it("apply to Services, budgets and policies selecting a workload, and to custom controllers' pods", () => {
    const perPod = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: app-0, namespace: shop}
spec: {maxUnavailable: 1, selector: {matchLabels: {statefulset.kubernetes.io/pod-name: app-0}}}`;
    const graph = buildGraph(load(`${workloadOf("StatefulSet", "apps/v1", template)}---\n${perPod}`));
    const [statefulSet] = graph.workloads;
    expect(statefulSet && graph.selecting(statefulSet, "PodDisruptionBudget").map((r) => r.name)).toEqual(["app-0"]);
    const rollout = buildGraph(load(workloadOf("Rollout", "argoproj.io/v1alpha1", template)));
    const hash = { matchLabels: { app: "app", "rollouts-pod-template-hash": "6f7b" }, matchExpressions: [] };
    expect(rollout.customPodTemplatesSelectedBy("shop", hash).map((r) => r.name)).toEqual(["app"]);
  });
});
