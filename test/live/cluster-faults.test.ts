import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LiveReadOptions, LiveSourceError, readLiveState, type WantedKind } from "../../src/live/index.js";
import {
  fixture,
  fixtures,
  type KubeApi,
  startKubeApi,
  type TestKubeconfig,
  unusedPort,
  writeKubeconfig,
} from "../support/kube-api/index.js";

let api: KubeApi;
let kubeconfig: TestKubeconfig;
let waits: number[];
let options: LiveReadOptions;
beforeEach(async () => {
  api = await startKubeApi({ exchanges: fixtures("cluster") });
  kubeconfig = await writeKubeconfig(api.url);
  waits = [];
  // retries wait through this instead of the clock, so the waits can be asserted and cost nothing
  options = { pageSize: 2, timeoutMs: 2_000, concurrency: 1, sleep: async (ms) => void waits.push(ms) };
});
afterEach(async () => {
  await api.close();
  await kubeconfig.dispose();
});

const source = () => ({ type: "cluster" as const, kubeconfig: kubeconfig.file });
const CONFIGMAPS: WantedKind = { apiVersion: "v1", kind: "ConfigMap", namespace: "shop" };
const DEPLOYMENTS_SHOP: WantedKind = { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" };
const DEPLOYMENTS_PAYMENTS: WantedKind = { apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" };

async function failure(promise: Promise<unknown>): Promise<LiveSourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LiveSourceError);
  return error as LiveSourceError;
}

describe("a 403", () => {
  it("names the verb, resource and namespace to grant, and leaves only that scope unlisted", async () => {
    api.use(fixture("faults/forbidden-payments-deployments.json"));
    const state = await readLiveState(source(), [DEPLOYMENTS_SHOP, DEPLOYMENTS_PAYMENTS], options);

    expect(state.unlisted).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        namespace: "payments",
        reason: "forbidden",
        message:
          'forbidden: cannot list deployments.apps in namespace "payments" (grant "list" on "deployments" in API group "apps")',
      },
    ]);
    expect(state.listed).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", namespace: "shop" }]);
    expect(state.objects.every((object) => (object.metadata as { namespace: string }).namespace === "shop")).toBe(true);
    // a refusal is an answer: not retried
    expect(api.requestLines().filter((line) => line.includes("/namespaces/payments/"))).toHaveLength(1);
  });

  it("words the grant for core and cluster-scoped kinds", async () => {
    const forbidden = {
      status: 403,
      body: { kind: "Status", apiVersion: "v1", status: "Failure", reason: "Forbidden", code: 403 },
    };
    api.use(
      { request: { method: "GET", path: "/api/v1/namespaces/shop/configmaps" }, response: forbidden },
      { request: { method: "GET", path: "/api/v1/namespaces" }, response: forbidden },
    );
    const state = await readLiveState(source(), [CONFIGMAPS, { apiVersion: "v1", kind: "Namespace" }], options);
    expect(state.unlisted.map((scope) => scope.message)).toEqual([
      'forbidden: cannot list configmaps in namespace "shop" (grant "list" on "configmaps" in the core API group "")',
      'forbidden: cannot list namespaces at cluster scope (grant "list" on "namespaces" in the core API group "" with a ClusterRole and ClusterRoleBinding)',
    ]);
  });
});

describe("server errors", () => {
  it("retries a 500 and takes the answer that follows", async () => {
    api.use(fixture("faults/internal-error-shop-configmaps.json", { times: 2 }));
    const state = await readLiveState(source(), [CONFIGMAPS], options);

    expect(state.unlisted).toEqual([]);
    expect(state.objects.map((object) => (object.metadata as { name: string }).name)).toEqual([
      "kube-root-ca.crt",
      "shop-settings",
    ]);
    expect(
      api.requests.filter((request) => request.path === "/api/v1/namespaces/shop/configmaps").map((request) => request.status),
    ).toEqual([500, 500, 200]);
    expect(waits).toHaveLength(2);
    // exponential back-off with jitter: [125, 250] then [250, 500]
    expect(waits[0]).toBeGreaterThanOrEqual(125);
    expect(waits[0]).toBeLessThanOrEqual(250);
    expect(waits[1]).toBeGreaterThanOrEqual(250);
    expect(waits[1]).toBeLessThanOrEqual(500);
  });

  it("gives up on a persistent 500 after the retries with a clear error for that scope only", async () => {
    api.use(fixture("faults/internal-error-shop-configmaps.json"));
    const state = await readLiveState(source(), [CONFIGMAPS, DEPLOYMENTS_PAYMENTS], { ...options, retries: 2 });

    expect(state.unlisted).toEqual([
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        namespace: "shop",
        reason: "server-error",
        message: `server error: GET /api/v1/namespaces/shop/configmaps?limit=2 on ${api.url} answered HTTP 500 (InternalError) 3 times`,
      },
    ]);
    // the body (which could hold anything) is not quoted
    expect(state.unlisted[0]?.message).not.toContain("etcdserver");
    expect(state.listed).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", namespace: "payments" }]);
    expect(waits).toHaveLength(2);
  });

  it("waits as long as a 429's Retry-After says, then succeeds", async () => {
    api.use(fixture("faults/too-many-requests-shop-hpas.json", { times: 1 }));
    const state = await readLiveState(
      source(),
      [{ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: "shop" }],
      options,
    );
    expect(state.unlisted).toEqual([]);
    expect(state.objects).toHaveLength(1);
    expect(waits).toEqual([1000]);
  });

  it("caps a long Retry-After and reports a 429 that outlasts the retries", async () => {
    api.use({
      request: { method: "GET", path: "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers" },
      response: {
        status: 429,
        headers: { "retry-after": "3600" },
        body: { kind: "Status", reason: "TooManyRequests", code: 429 },
      },
    });
    const state = await readLiveState(
      source(),
      [{ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: "shop" }],
      {
        ...options,
        retries: 1,
        maxRetryAfterMs: 2_000,
      },
    );
    expect(waits).toEqual([2000]);
    expect(state.unlisted[0]).toMatchObject({ reason: "rate-limited" });
    expect(state.unlisted[0]?.message).toMatch(/^rate-limited: .* HTTP 429 2 times$/);
  });

  it("leaves only a CRD group's kinds unlisted when its discovery is unavailable", async () => {
    api.use(fixture("faults/unavailable-monitoring-v1.json"));
    const state = await readLiveState(
      source(),
      [CONFIGMAPS, { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", namespace: "shop" }],
      {
        ...options,
        retries: 1,
      },
    );
    expect(state.listed).toEqual([{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }]);
    expect(state.unlisted).toEqual([
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        reason: "server-error",
        message: `server error: GET /apis/monitoring.coreos.com/v1 on ${api.url} answered HTTP 503 (ServiceUnavailable) 2 times`,
      },
    ]);
  });

  it("retries a dropped connection", async () => {
    api.use({
      request: { method: "GET", path: "/api/v1/namespaces/shop/configmaps" },
      response: { status: 200 },
      reset: true,
      times: 1,
    });
    const state = await readLiveState(source(), [CONFIGMAPS], options);
    expect(state.unlisted).toEqual([]);
    expect(state.objects).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it("starts a list over once when its continue token expires (410)", async () => {
    api.use(fixture("faults/gone-shop-deployments-page-2.json", { times: 1 }));
    const state = await readLiveState(source(), [DEPLOYMENTS_SHOP], options);
    expect(state.unlisted).toEqual([]);
    expect(state.objects.map((object) => (object.metadata as { name: string }).name)).toEqual([
      "api",
      "cart",
      "checkout",
      "web",
      "worker",
    ]);
    expect(api.requests.filter((request) => request.path.endsWith("/deployments")).map((request) => request.status)).toEqual([
      200, 410, 200, 200, 200,
    ]);
  });
});

describe("time-outs", () => {
  it("stops waiting for a slow list after the time-out and reports that scope", async () => {
    api.use(fixture("faults/slow-shop-services.json"));
    const started = Date.now();
    const state = await readLiveState(source(), [{ apiVersion: "v1", kind: "Service", namespace: "shop" }, CONFIGMAPS], {
      ...options,
      timeoutMs: 200,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(state.unlisted).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        namespace: "shop",
        reason: "timeout",
        message: `the Kubernetes API at ${api.url} did not answer GET /api/v1/namespaces/shop/services within 200ms`,
      },
    ]);
    expect(state.listed).toEqual([{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }]);
  });

  it("also times out a body that stops half-way", async () => {
    api.use({ ...fixture("cluster/lists/shop-configmaps.json"), stall: true });
    const state = await readLiveState(source(), [CONFIGMAPS], { ...options, timeoutMs: 200 });
    expect(state.unlisted[0]).toMatchObject({ reason: "timeout" });
  });

  it("fails the whole read when discovery itself times out", async () => {
    api.use({ ...fixture("cluster/discovery/api-v1.json"), delayMs: 3_000 });
    const error = await failure(readLiveState(source(), [CONFIGMAPS], { ...options, timeoutMs: 200 }));
    expect(error.code).toBe("timeout");
    expect(error.message).toBe(`the Kubernetes API at ${api.url} did not answer GET /api/v1 within 200ms`);
  });

  it("stops at once when the caller aborts", async () => {
    api.use(fixture("faults/slow-shop-services.json"));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      readLiveState(source(), [{ apiVersion: "v1", kind: "Service", namespace: "shop" }], {
        ...options,
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe("aborted");
  });
});

describe("a server that cannot be used", () => {
  it("throws a clear error for an unreachable server instead of reporting everything missing", async () => {
    const port = await unusedPort();
    const closed = await writeKubeconfig(`http://127.0.0.1:${port}`);
    try {
      const error = await failure(readLiveState({ type: "cluster", kubeconfig: closed.file }, [CONFIGMAPS], options));
      expect(error.code).toBe("unreachable");
      expect(error.message).toBe(`cannot reach the Kubernetes API at http://127.0.0.1:${port}: connect ECONNREFUSED`);
      expect(waits).toEqual([]); // refused is not transient
    } finally {
      await closed.dispose();
    }
  });

  it("throws on rejected credentials (401) and never prints the token", async () => {
    api.use(fixture("faults/unauthorized-api-v1.json"));
    const error = await failure(readLiveState(source(), [CONFIGMAPS], options));
    expect(error.code).toBe("unauthorized");
    expect(error.message).toMatch(
      /^unauthorized: the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ rejected the credentials \(HTTP 401\)/,
    );
    expect(error.message).not.toContain("recorded-test-token");
  });

  it("throws when the server is not a Kubernetes API", async () => {
    api.use({
      request: { method: "GET", path: "/apis" },
      response: { status: 200, headers: { "content-type": "text/html" }, body: "<html>login</html>" },
    });
    const error = await failure(readLiveState(source(), [DEPLOYMENTS_SHOP], options));
    expect(error.code).toBe("bad-response");
    expect(error.message).toContain("did not answer JSON (text/html)");
    expect(error.message).not.toContain("login");
  });

  it("fails a list whose server keeps handing out the same continue token", async () => {
    const page = { kind: "ConfigMapList", apiVersion: "v1", metadata: { continue: "again" }, items: [] };
    api.use(
      { request: { method: "GET", path: "/api/v1/namespaces/shop/configmaps" }, response: { status: 200, body: page } },
      {
        request: { method: "GET", path: "/api/v1/namespaces/shop/configmaps", query: { continue: "again" } },
        response: { status: 200, body: page },
      },
    );
    const state = await readLiveState(source(), [CONFIGMAPS], options);
    expect(state.unlisted[0]).toMatchObject({ reason: "bad-response" });
    expect(state.unlisted[0]?.message).toContain("repeated a continue token");
  });
});
