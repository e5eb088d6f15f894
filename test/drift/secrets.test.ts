/** Secret values never appear: not in changes, patches, warnings or the summary. */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { gitFrom, liveFrom, managed } from "./helpers.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const PASSWORD = "hunter2-correct-horse";
const NEW_PASSWORD = "s3cr3t-rotated-by-hand";

const liveSecret = (data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Secret",
  type: "Opaque",
  metadata: { name: "db", namespace: "shop", ...((extra.metadata as object) ?? {}) },
  data,
});

function everything(result: unknown): string {
  return JSON.stringify(result);
}

describe("Secrets", () => {
  it("stringData in Git matches base64 data in the cluster", () => {
    const git = gitFrom(
      `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData:\n  password: ${PASSWORD}\ndata:\n  user: ${b64("app")}\n`,
    );
    expect(detectDrift(git, liveFrom([liveSecret({ password: b64(PASSWORD), user: b64("app") })])).drifts).toEqual([]);
  });

  it("a changed key is reported with fingerprints only, and kept out of the patch", () => {
    const git = gitFrom(
      `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData:\n  password: ${PASSWORD}\n`,
    );
    const result = detectDrift(git, liveFrom([liveSecret({ password: b64(NEW_PASSWORD) })]));
    const change = result.drifts[0]?.changes[0];
    expect(change?.path).toBe("/stringData/password");
    expect(change?.git).toMatch(/^hmac:[0-9a-f]{8}$/);
    expect(change?.live).toMatch(/^hmac:[0-9a-f]{8}$/);
    expect(change?.git).not.toBe(change?.live);
    expect(change?.noWrite).toMatch(/never written/);
    expect(result.drifts[0]?.patch).toEqual([]);
    for (const secret of [PASSWORD, NEW_PASSWORD, b64(PASSWORD), b64(NEW_PASSWORD)])
      expect(everything(result)).not.toContain(secret);
  });

  it("a key added out of band is reported without its value", () => {
    const git = gitFrom(`apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata:\n  user: ${b64("app")}\n`);
    const live = liveSecret(
      { user: b64("app"), token: b64(NEW_PASSWORD) },
      { metadata: { managedFields: [managed("kubectl-edit", { "f:data": { "f:token": {} } })] } },
    );
    const result = detectDrift(git, liveFrom([live]));
    expect(result.drifts[0]?.changes.map((c) => c.path)).toEqual(["/data/token"]);
    expect(everything(result)).not.toContain(b64(NEW_PASSWORD));
    expect(result.drifts[0]?.patch).toEqual([]);
  });

  it("the last-applied annotation, which holds the values in clear, never leaks", () => {
    const git = gitFrom(
      `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData:\n  password: ${PASSWORD}\n`,
    );
    const live = liveSecret(
      { password: b64(NEW_PASSWORD) },
      {
        metadata: {
          annotations: {
            "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ stringData: { password: NEW_PASSWORD } }),
          },
        },
      },
    );
    expect(everything(detectDrift(git, liveFrom([live])))).not.toContain(NEW_PASSWORD);
  });

  it("a value of the wrong type is masked too", () => {
    const git = gitFrom(`apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData:\n  pin: 48151623\n`);
    const result = detectDrift(git, liveFrom([liveSecret({ pin: b64("1") })]));
    expect(result.drifts[0]?.changes[0]?.git).toMatch(/^hmac:/);
    expect(everything(result)).not.toContain("48151623");
  });

  it("an empty value in Git matches null in the cluster", () => {
    const git = gitFrom(`apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata:\n  empty: ""\n`);
    expect(detectDrift(git, liveFrom([{ ...liveSecret({}), data: { empty: null } }])).drifts).toEqual([]);
  });

  it("a SOPS-encrypted Secret is compared without its values", () => {
    const git = gitFrom(
      `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData:\n  password: ENC[AES256_GCM,data:abc,type:str]\nsops:\n  version: 3.8.1\n`,
    );
    expect(detectDrift(git, liveFrom([liveSecret({ password: b64(PASSWORD) })])).drifts).toEqual([]);
  });
});
