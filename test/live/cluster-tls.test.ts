import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveSourceError, readLiveState } from "../../src/live/index.js";
import {
  fixtures,
  type KubeApi,
  makeSelfSignedCertificate,
  type SelfSignedCertificate,
  startKubeApi,
  writeKubeconfig,
} from "../support/kube-api/index.js";

let certificate: SelfSignedCertificate | undefined;
let api: KubeApi | undefined;
beforeAll(async () => {
  certificate = await makeSelfSignedCertificate();
  if (certificate) api = await startKubeApi({ exchanges: fixtures("cluster"), tls: certificate });
});
afterAll(async () => {
  await api?.close();
  await certificate?.dispose();
});

const CONFIGMAPS = [{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }];

describe("TLS", () => {
  it("reads over HTTPS when the kubeconfig trusts the server's CA", async (context) => {
    if (!certificate || !api) return context.skip();
    const kubeconfig = await writeKubeconfig(api.url, { caFile: certificate.certFile });
    try {
      const state = await readLiveState({ type: "cluster", kubeconfig: kubeconfig.file }, CONFIGMAPS, { timeoutMs: 2_000 });
      expect(state.listed).toEqual([{ apiVersion: "v1", kind: "ConfigMap", namespace: "shop" }]);
    } finally {
      await kubeconfig.dispose();
    }
  });

  it("fails clearly when the server's certificate is not trusted", async (context) => {
    if (!certificate || !api) return context.skip();
    const kubeconfig = await writeKubeconfig(api.url);
    const before = api.requests.length;
    try {
      const error = await readLiveState({ type: "cluster", kubeconfig: kubeconfig.file }, CONFIGMAPS, { timeoutMs: 2_000 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LiveSourceError);
      expect((error as LiveSourceError).code).toBe("tls");
      expect((error as LiveSourceError).message).toBe(
        `TLS with the Kubernetes API at ${api.url} failed: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT): set the cluster's certificate-authority in the kubeconfig`,
      );
      expect(api.requests).toHaveLength(before); // the handshake failed: no request was made
    } finally {
      await kubeconfig.dispose();
    }
  });

  it("says so when an https URL points at a plain-http server", async () => {
    const plain = await startKubeApi({ exchanges: fixtures("cluster") });
    const kubeconfig = await writeKubeconfig(plain.url.replace("http:", "https:"), {});
    try {
      const error = (await readLiveState({ type: "cluster", kubeconfig: kubeconfig.file }, CONFIGMAPS, {
        timeoutMs: 2_000,
      }).catch((e: unknown) => e)) as LiveSourceError;
      expect(error.code).toBe("tls");
      expect(error.message).toContain("the server did not answer in TLS");
    } finally {
      await kubeconfig.dispose();
      await plain.close();
    }
  });
});
