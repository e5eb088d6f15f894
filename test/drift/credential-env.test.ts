/**
 * Credentials in environment variables: when the cluster replaced Git's `secretKeyRef` with a literal
 * value (a `kubectl set env`, an edit), or a variable is named like a credential, its value is a
 * secret: shown as a fingerprint, never patched, never written back, never printed.
 */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { planWriteBack } from "../../src/drift/write-back.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { gitFrom, liveFrom } from "./helpers.js";

const LIVE_PASSWORD = "live-password-Vb93";
const GIT_TOKEN = "git-token-Lm21";
const LIVE_TOKEN = "live-token-Qz84";

function deployment(env: unknown[]): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop" },
    spec: { template: { spec: { containers: [{ name: "web", image: "web:1", env }] } } },
  };
}

const GIT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:1
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
            - name: API_TOKEN
              value: ${GIT_TOKEN}
            - name: LOG_LEVEL
              value: info
`;

function check() {
  const live = deployment([
    { name: "DB_PASSWORD", value: LIVE_PASSWORD },
    { name: "API_TOKEN", value: LIVE_TOKEN },
    { name: "LOG_LEVEL", value: "debug" },
  ]);
  return detectDrift(gitFrom(GIT, "web.yaml"), liveFrom([live]));
}

describe("credentials in env", () => {
  it("are reported as fingerprints, never as values", () => {
    const result = check();
    const text = JSON.stringify(result);
    for (const value of [LIVE_PASSWORD, GIT_TOKEN, LIVE_TOKEN]) expect(text).not.toContain(value);

    const changes = result.drifts[0]?.changes ?? [];
    const token = changes.find((change) => change.display.includes("API_TOKEN"));
    expect(token).toMatchObject({ secret: true, noWrite: expect.stringMatching(/^Secret value/) });
    expect(token?.git).toMatch(/^hmac:[0-9a-f]{8}$/);
    expect(token?.live).toMatch(/^hmac:[0-9a-f]{8}$/);
    expect(token?.git).not.toBe(token?.live);
  });

  it("that Git took from a Secret are never written back, not even the removal of its secretKeyRef", () => {
    const result = check();
    const password = (result.drifts[0]?.changes ?? []).filter((change) => change.display.includes("DB_PASSWORD"));
    expect(password.length).toBeGreaterThan(0);
    for (const change of password)
      expect(change).toMatchObject({ secret: true, noWrite: expect.stringMatching(/^Secret value/) });
  });

  it("stay out of the patch and of drift --write, while the other variables are written", () => {
    const result = check();
    const patch = JSON.stringify(result.drifts[0]?.patch);
    expect(patch).not.toMatch(/DB_PASSWORD|API_TOKEN|hmac:|secretKeyRef/);
    expect(patch).toContain("debug");

    const plan = planWriteBack(result);
    expect(plan.written).toBe(1);
    const written = JSON.stringify([...plan.files.values()]);
    expect(written).toContain("debug");
    for (const value of [LIVE_PASSWORD, LIVE_TOKEN, "hmac:"]) expect(written).not.toContain(value);
    expect(plan.skipped.map((skip) => skip.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^Secret value/)]));
  });

  it("is told apart from an ordinary variable by its name, whatever its case", () => {
    const git = gitFrom(GIT.replace("API_TOKEN", "clientSecret"), "web.yaml");
    const live = deployment([
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
      { name: "clientSecret", value: LIVE_TOKEN },
      { name: "LOG_LEVEL", value: "info" },
    ]);
    const result = detectDrift(git, liveFrom([live]));
    expect(JSON.stringify(result)).not.toContain(LIVE_TOKEN);
    expect(result.drifts[0]?.changes).toMatchObject([{ secret: true }]);
  });
});
