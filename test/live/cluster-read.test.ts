import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  effectiveNamespace,
  isListed,
  type LiveReadOptions,
  readLiveState,
  type WantedKind,
  whyUnlisted,
} from "../../src/live/index.js";
import {
  fixture,
  fixtures,
  type KubeApi,
  startKubeApi,
  type TestKubeconfig,
  writeKubeconfig,
} from "../support/kube-api/index.js";

/** What the Git manifests of the shop declare, as the drift engine would pass it. */
const SHOP_WANTED: WantedKind[] = [
  { apiVersion: "v1", kind: "Namespace" },
  { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" },
  { apiVersion: "v1", kind: "Service" }, // no namespace: left to the context (shop)
  { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" },
  { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" },
  { apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "shop" },
  { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: "shop" },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespace: "shop" },
  { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", namespace: "shop" },
];

/** The continue token page `page` of the recorded deployment list hands out. */
function continueToken(page: number): string {
  const body = fixture(`cluster/lists/shop-deployments-page-${page}.json`).response.body as { metadata: { continue: string } };
  return body.metadata.continue;
}

const FAST: LiveReadOptions = { pageSize: 2, timeoutMs: 2_000, concurrency: 1, sleep: async () => {} };

let api: KubeApi;
let kubeconfig: TestKubeconfig;
beforeEach(async () => {
  api = await startKubeApi({ exchanges: fixtures("cluster") });
  kubeconfig = await writeKubeconfig(api.url, { currentContext: "elsewhere" });
});
afterEach(async () => {
  await api.close();
  await kubeconfig.dispose();
});

const source = () => ({ type: "cluster" as const, kubeconfig: kubeconfig.file, context: "recorded" });

describe("reading a cluster", () => {
  it("discovers only the group versions Git uses and lists each (kind, namespace) once, page by page", async () => {
    const state = await readLiveState(source(), SHOP_WANTED, FAST);

    expect(api.requestLines()).toEqual([
      "GET /apis",
      "GET /api/v1",
      "GET /apis/apps/v1",
      "GET /apis/networking.k8s.io/v1",
      "GET /apis/autoscaling/v2",
      "GET /apis/policy/v1",
      "GET /apis/monitoring.coreos.com/v1",
      "GET /api/v1/namespaces?limit=2",
      "GET /api/v1/namespaces/shop/configmaps?limit=2",
      "GET /api/v1/namespaces/shop/services?limit=2",
      "GET /apis/apps/v1/namespaces/shop/deployments?limit=2",
      `GET /apis/apps/v1/namespaces/shop/deployments?limit=2&continue=${encodeURIComponent(continueToken(1))}`,
      `GET /apis/apps/v1/namespaces/shop/deployments?limit=2&continue=${encodeURIComponent(continueToken(2))}`,
      "GET /apis/apps/v1/namespaces/payments/deployments?limit=2",
      "GET /apis/networking.k8s.io/v1/namespaces/shop/ingresses?limit=2",
      "GET /apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers?limit=2",
      "GET /apis/policy/v1/namespaces/shop/poddisruptionbudgets?limit=2",
      "GET /apis/monitoring.coreos.com/v1/namespaces/shop/servicemonitors?limit=2",
    ]);
    expect(api.requests.every((request) => request.authorization === "Bearer")).toBe(true);
    expect(api.requests.every((request) => request.answeredBy !== undefined)).toBe(true);

    expect(state.unlisted).toEqual([]);
    expect(state.listed).toEqual([
      { apiVersion: "v1", kind: "Namespace" },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" },
      { apiVersion: "v1", kind: "Service", namespace: "shop" },
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" },
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" },
      { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "shop" },
      { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: "shop" },
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespace: "shop" },
      { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", namespace: "shop" },
    ]);
    expect(state.source).toBe(`cluster ${api.url} (context "recorded")`);
    expect(state.defaultNamespace).toBe("shop");
  });

  it("assembles the pages of a list in order and gives every object its apiVersion and kind", async () => {
    const state = await readLiveState(source(), SHOP_WANTED, FAST);
    const names = (kind: string, namespace?: string) =>
      state.objects
        .filter(
          (object) =>
            object.kind === kind &&
            (namespace === undefined || (object.metadata as { namespace?: string }).namespace === namespace),
        )
        .map((object) => (object.metadata as { name: string }).name);

    expect(names("Deployment", "shop")).toEqual(["api", "cart", "checkout", "web", "worker"]);
    expect(names("Deployment", "payments")).toEqual(["ledger"]);
    expect(names("Namespace")).toEqual(["default", "kube-node-lease", "kube-public", "kube-system", "payments", "shop"]);
    expect(names("ServiceMonitor")).toEqual(["api"]);
    expect(state.objects).toHaveLength(5 + 1 + 6 + 2 + 2 + 1 + 1 + 1 + 1);
    for (const object of state.objects) {
      expect(typeof object.apiVersion).toBe("string");
      expect(typeof object.kind).toBe("string");
    }
    const hpa = state.objects.find((object) => object.kind === "HorizontalPodAutoscaler");
    expect(hpa?.apiVersion).toBe("autoscaling/v2");
  });

  it("keeps managedFields, which attribution needs", async () => {
    const state = await readLiveState(source(), SHOP_WANTED, FAST);
    const deployment = state.objects.find(
      (object) => object.kind === "Deployment" && (object.metadata as { name: string }).name === "api",
    ) as { metadata: { managedFields: Array<{ manager: string }> }; spec: { replicas: number } } | undefined;
    expect(deployment?.metadata.managedFields.map((entry) => entry.manager)).toEqual([
      "kubectl-client-side-apply",
      "kube-controller-manager",
      "kubectl-edit",
    ]);
    expect(deployment?.spec.replicas).toBe(5);
  });

  it("tells which kinds are namespaced and where namespace-less Git objects live", async () => {
    const state = await readLiveState(source(), SHOP_WANTED, FAST);
    expect(state.kinds).toContainEqual({ apiVersion: "v1", kind: "Namespace", resource: "namespaces", namespaced: false });
    expect(state.kinds).toContainEqual({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      resource: "servicemonitors",
      namespaced: true,
    });
    expect(effectiveNamespace(state, { apiVersion: "v1", kind: "Service" })).toBe("shop");
    expect(effectiveNamespace(state, { apiVersion: "v1", kind: "Namespace", namespace: "ignored" })).toBeUndefined();
    expect(isListed(state, { apiVersion: "v1", kind: "Service" })).toBe(true);
    expect(isListed(state, { apiVersion: "v1", kind: "Namespace" })).toBe(true);
    expect(isListed(state, { apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" })).toBe(true);
    expect(isListed(state, { apiVersion: "apps/v1", kind: "Deployment", namespace: "billing" })).toBe(false);
  });

  it("uses the kubeconfig's current context when none is named, and an explicit default namespace over the context's", async () => {
    const current = await writeKubeconfig(api.url, { namespace: "payments" });
    try {
      const state = await readLiveState(
        { type: "cluster", kubeconfig: current.file },
        [{ apiVersion: "apps/v1", kind: "Deployment" }],
        FAST,
      );
      expect(state.listed).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" }]);
      const other = await readLiveState(
        { type: "cluster", kubeconfig: current.file },
        [{ apiVersion: "apps/v1", kind: "Deployment" }],
        { ...FAST, defaultNamespace: "shop" },
      );
      expect(other.listed).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" }]);
    } finally {
      await current.dispose();
    }
  });

  it("reports kinds the server does not serve instead of failing, and lists the rest", async () => {
    const wanted: WantedKind[] = [
      { apiVersion: "extensions/v1beta1", kind: "Ingress", namespace: "shop" },
      { apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler", namespace: "shop" },
      { apiVersion: "monitoring.coreos.com/v1", kind: "ThanosRuler", namespace: "shop" },
      { apiVersion: "cert-manager.io/v1", kind: "Certificate", namespace: "shop" },
      { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" },
    ];
    const state = await readLiveState(source(), wanted, FAST);

    expect(state.unlisted).toEqual([
      {
        apiVersion: "extensions/v1beta1",
        kind: "Ingress",
        reason: "not-served",
        message: 'extensions/v1beta1 Ingress is not served by the cluster (no API group "extensions")',
      },
      {
        apiVersion: "autoscaling/v2beta2",
        kind: "HorizontalPodAutoscaler",
        reason: "not-served",
        message:
          'autoscaling/v2beta2 HorizontalPodAutoscaler is not served by the cluster (API group "autoscaling" serves v2, v1)',
      },
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ThanosRuler",
        reason: "not-served",
        message:
          "monitoring.coreos.com/v1 ThanosRuler is not served by the cluster (monitoring.coreos.com/v1 has no kind ThanosRuler)",
      },
      {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        reason: "not-served",
        message: 'cert-manager.io/v1 Certificate is not served by the cluster (no API group "cert-manager.io")',
      },
    ]);
    expect(state.listed).toEqual([{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }]);
    expect(whyUnlisted(state, { apiVersion: "cert-manager.io/v1", kind: "Certificate", namespace: "shop" })?.reason).toBe(
      "not-served",
    );
    expect(whyUnlisted(state, { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" })).toBeUndefined();
    // nothing is asked of group versions the server does not serve
    expect(api.requestLines()).not.toContain("GET /apis/cert-manager.io/v1");
    expect(api.requestLines()).not.toContain("GET /apis/extensions/v1beta1");
  });

  it("makes no request when Git declares nothing", async () => {
    const state = await readLiveState(source(), [], FAST);
    expect(state).toMatchObject({ objects: [], listed: [], unlisted: [] });
    expect(api.requests).toEqual([]);
  });

  it("reports each HTTP attempt to onRequest without bodies", async () => {
    const events: string[] = [];
    await readLiveState(source(), [{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }], {
      ...FAST,
      onRequest: (event) => events.push(`${event.method} ${event.path} ${event.status} #${event.attempt}`),
    });
    expect(events).toEqual(["GET /api/v1 200 #0", "GET /api/v1/namespaces/shop/configmaps?limit=2 200 #0"]);
  });
});

describe("a caller's gate and label", () => {
  it("lists no namespace the caller refuses, not even asking for it, and says why", async () => {
    const state = await readLiveState(source(), SHOP_WANTED, { ...FAST, allowNamespace: (namespace) => namespace === "shop" });

    const lines = api.requestLines();
    expect(lines.filter((line) => line.includes("/namespaces/payments/"))).toEqual([]);
    // cluster-scoped kinds are refused too (undefined namespace)
    expect(lines.filter((line) => line.startsWith("GET /api/v1/namespaces?"))).toEqual([]);
    expect(lines.some((line) => line.startsWith("GET /apis/apps/v1/namespaces/shop/deployments"))).toBe(true);
    expect(whyUnlisted(state, { apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" })).toMatchObject({
      reason: "not-allowed",
      message: 'not read: namespace "payments" is outside what this cluster may be read for',
    });
    expect(whyUnlisted(state, { apiVersion: "v1", kind: "Namespace" })).toMatchObject({ reason: "not-allowed" });
  });

  it("names the server by the caller's label, never its URL, in the source and in failures", async () => {
    const state = await readLiveState(source(), SHOP_WANTED, { ...FAST, serverLabel: "cluster prod" });
    expect(state.source).toBe("cluster prod");
    const down = readLiveState({ ...source(), context: "elsewhere" }, SHOP_WANTED, {
      ...FAST,
      retries: 0,
      serverLabel: "cluster prod",
    });
    await expect(down).rejects.toThrow(/^cannot reach the Kubernetes API at cluster prod: /);
    await down.catch((error: Error) => expect(error.message).not.toContain("127.0.0.1"));
  });
});
