import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LiveSourceError, readLiveState } from "../../src/live/index.js";
import { fixtures, type KubeApi, startKubeApi, type TestKubeconfig, writeKubeconfig } from "../support/kube-api/index.js";

const WANTED = [{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }];
const OPTIONS = { timeoutMs: 2_000, retries: 0 };

let api: KubeApi;
let kubeconfig: TestKubeconfig;
let scratch: string;
beforeAll(async () => {
  api = await startKubeApi({ exchanges: fixtures("cluster") });
  kubeconfig = await writeKubeconfig(api.url);
  scratch = await mkdtemp(path.join(tmpdir(), "plumbline-kubeconfig-test-"));
});
afterAll(async () => {
  await api.close();
  await kubeconfig.dispose();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function failure(promise: Promise<unknown>): Promise<LiveSourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LiveSourceError);
  return error as LiveSourceError;
}

describe("choosing credentials", () => {
  it("reads KUBECONFIG when no path is given", async () => {
    vi.stubEnv("KUBECONFIG", kubeconfig.file);
    const state = await readLiveState({ type: "cluster" }, WANTED, OPTIONS);
    expect(state.listed).toHaveLength(1);
  });

  it("switches to the named context", async () => {
    const other = await writeKubeconfig(api.url, { currentContext: "elsewhere" });
    try {
      const state = await readLiveState({ type: "cluster", kubeconfig: other.file, context: "recorded" }, WANTED, OPTIONS);
      expect(state.source).toBe(`cluster ${api.url} (context "recorded")`);
    } finally {
      await other.dispose();
    }
  });

  it("names the contexts there are when the asked one is not", async () => {
    const error = await failure(
      readLiveState({ type: "cluster", kubeconfig: kubeconfig.file, context: "prod" }, WANTED, OPTIONS),
    );
    expect(error.code).toBe("kubeconfig");
    expect(error.message).toBe('context "prod" not found in the kubeconfig (it has: recorded, elsewhere)');
  });

  it("says when the kubeconfig file does not exist", async () => {
    const missing = path.join(scratch, "nope");
    const error = await failure(readLiveState({ type: "cluster", kubeconfig: missing }, WANTED, OPTIONS));
    expect(error.message).toBe(`cannot read kubeconfig ${missing}: no such file`);
  });

  it("does not quote a broken kubeconfig, which holds credentials", async () => {
    const broken = path.join(scratch, "broken");
    await writeFile(broken, "users:\n- name: me\n  user:\n    token: s3cr3t-token-value\n   oops: [\n");
    const error = await failure(readLiveState({ type: "cluster", kubeconfig: broken }, WANTED, OPTIONS));
    expect(error.message).toMatch(/^cannot read kubeconfig .*broken: not valid YAML \(line \d+\)$/);
    expect(error.message).not.toContain("s3cr3t");
  });

  it("refuses to send credentials over plain http without insecure-skip-tls-verify", async () => {
    const plain = path.join(scratch, "plain");
    await writeFile(
      plain,
      `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${api.url}" } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`,
    );
    const error = await failure(readLiveState({ type: "cluster", kubeconfig: plain }, WANTED, OPTIONS));
    expect(error.code).toBe("kubeconfig");
    expect(error.message).toContain("plain http");
  });

  it("runs an exec credential plugin, and times out one that never answers", async () => {
    const withExec = async (script: string) => {
      const file = path.join(scratch, `exec-${Math.random().toString(36).slice(2)}`);
      await writeFile(
        file,
        JSON.stringify({
          apiVersion: "v1",
          kind: "Config",
          clusters: [{ name: "c", cluster: { server: api.url, "insecure-skip-tls-verify": true } }],
          users: [
            {
              name: "u",
              user: {
                exec: {
                  apiVersion: "client.authentication.k8s.io/v1",
                  command: process.execPath,
                  args: ["-e", script],
                  interactiveMode: "Never",
                },
              },
            },
          ],
          contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
          "current-context": "x",
        }),
      );
      return file;
    };
    const credential = JSON.stringify({
      apiVersion: "client.authentication.k8s.io/v1",
      kind: "ExecCredential",
      status: { token: "from-plugin" },
    });
    const working = await withExec(`console.log(${JSON.stringify(credential)})`);
    const state = await readLiveState({ type: "cluster", kubeconfig: working }, WANTED, OPTIONS);
    expect(state.listed).toHaveLength(1);
    expect(api.requests.at(-1)?.authorization).toBe("Bearer");

    const hanging = await withExec("setTimeout(() => {}, 2000)");
    const error = await failure(readLiveState({ type: "cluster", kubeconfig: hanging }, WANTED, { ...OPTIONS, timeoutMs: 300 }));
    expect(error.code).toBe("kubeconfig");
    expect(error.message).toBe(`the kubeconfig's credential plugin for ${api.url} did not answer within 300ms`);
  });

  it("says there is no kubeconfig rather than trying localhost:8080", async () => {
    vi.stubEnv("KUBECONFIG", "");
    vi.stubEnv("HOME", scratch);
    const error = await failure(readLiveState({ type: "cluster" }, WANTED, OPTIONS));
    expect(error.message).toBe("no kubeconfig found: set KUBECONFIG, pass a kubeconfig path, or run in a cluster");
  });

  it("says when in-cluster credentials are not there", async () => {
    vi.stubEnv("KUBERNETES_SERVICE_HOST", "");
    const error = await failure(readLiveState({ type: "cluster", inCluster: true }, WANTED, OPTIONS));
    expect(error.code).toBe("kubeconfig");
    expect(error.message).toMatch(/^in-cluster credentials not found/);
  });
});
