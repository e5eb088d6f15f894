import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkClusterReachable } from "../../src/live/index.js";
import {
  FIXTURES_ROOT,
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
beforeAll(async () => {
  api = await startKubeApi({ exchanges: fixtures("cluster") });
  kubeconfig = await writeKubeconfig(api.url);
});
afterAll(async () => {
  await api.close();
  await kubeconfig.dispose();
});

describe("checkClusterReachable", () => {
  it("answers with the server and its version after one GET /version", async () => {
    const before = api.requests.length;
    const result = await checkClusterReachable({ type: "cluster", kubeconfig: kubeconfig.file });
    expect(result).toEqual({ reachable: true, server: api.url, version: "v1.31.4" });
    expect(api.requestLines().slice(before)).toEqual(["GET /version"]);
  });

  it("reports an unreachable server without throwing", async () => {
    const port = await unusedPort();
    const closed = await writeKubeconfig(`http://127.0.0.1:${port}`);
    try {
      expect(await checkClusterReachable({ type: "cluster", kubeconfig: closed.file })).toEqual({
        reachable: false,
        code: "unreachable",
        message: `cannot reach the Kubernetes API at http://127.0.0.1:${port}: connect ECONNREFUSED`,
      });
    } finally {
      await closed.dispose();
    }
  });

  it("reports a hanging server within the time-out", async () => {
    api.use({ ...fixture("cluster/version.json"), delayMs: 3_000, times: 1 });
    const result = await checkClusterReachable({ type: "cluster", kubeconfig: kubeconfig.file }, { timeoutMs: 150 });
    expect(result).toMatchObject({ reachable: false, code: "timeout" });
  });

  it("checks that a snapshot can be read", async () => {
    expect(
      await checkClusterReachable({ type: "snapshot", path: path.join(FIXTURES_ROOT, "snapshots", "list.yaml") }),
    ).toMatchObject({ reachable: true });
    expect(
      await checkClusterReachable({ type: "snapshot", path: path.join(FIXTURES_ROOT, "snapshots", "broken.yaml") }),
    ).toMatchObject({
      reachable: false,
      code: "snapshot",
    });
  });
});
