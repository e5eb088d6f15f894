/**
 * `plumbline drift --context` on a terminal says on stderr what it is reading, then clears the line;
 * piped, it says nothing. A recorded API server on 127.0.0.1 serves one ConfigMap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fixtures, type KubeApi, startKubeApi, type TestKubeconfig, writeKubeconfig } from "../support/kube-api/index.js";
import { memoryIo, tempTree } from "./helpers.js";

const CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: app\ndata:\n  mode: fast\n";

let api: KubeApi;
let kubeconfig: TestKubeconfig;

beforeAll(async () => {
  const discovery = fixtures("cluster").filter((exchange) => !exchange.request.path.includes("/namespaces"));
  const list = {
    request: { method: "GET", path: "/api/v1/namespaces/app/configmaps" },
    response: {
      status: 200,
      body: {
        kind: "ConfigMapList",
        apiVersion: "v1",
        metadata: { resourceVersion: "1" },
        items: [{ metadata: { name: "settings", namespace: "app" }, data: { mode: "slow" } }],
      },
    },
  };
  api = await startKubeApi({ exchanges: [...discovery, list] });
  kubeconfig = await writeKubeconfig(api.url);
});

afterAll(async () => {
  await api?.close();
  await kubeconfig?.dispose();
});

async function drift(stderrIsTty: boolean) {
  const dir = await tempTree({ "app.yaml": CONFIGMAP });
  const io = { ...memoryIo(dir), stderrIsTty, columns: 120 };
  const code = await main(["drift", "--git", ".", "--context", kubeconfig.context, "--kubeconfig", kubeconfig.file], io);
  return { code, ...io.captured };
}

describe("drift progress", () => {
  it("shows what it reads on a terminal's stderr and clears the line before the report", async () => {
    const result = await drift(true);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\rplumbline: reading the cluster: \d+ … /);
    expect(result.stderr).toContain("\r\u001b[K");
    expect(result.stdout).not.toContain("reading the cluster");
    expect(result.stdout).toContain("settings");
  });

  it("says nothing when stderr is not a terminal", async () => {
    const result = await drift(false);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("reading the cluster");
  });
});
