import { describe, expect, it } from "vitest";
import { driftBranch } from "../../bot/github/branch.js";
import { driftTable } from "../../bot/proposal/body.js";
import { driftFingerprint } from "../../bot/proposal/fingerprint.js";
import { isResolved, markResolved, readDriftMarker, readMarker, writeMarker } from "../../bot/proposal/marker.js";
import { planDrift } from "../../bot/proposal/plan.js";
import { describeChanges } from "../../bot/run/what-changed.js";
import { readSettings, SettingsError } from "../../bot/settings.js";
import { planEdits } from "../../src/drift/edits.js";
import { stableFingerprinter } from "../../src/drift/secret-values.js";
import type { Drift, DriftResult } from "../../src/drift/types.js";

/** The small pure parts: memory in markers, drift identity, names, settings. */

const drift = (changes: Drift["changes"], kind = "ConfigMap"): Drift => ({
  apiVersion: "v1",
  kind,
  namespace: "shop",
  name: "shop-settings",
  status: "modified",
  changes,
  patch: [],
});

describe("drift fingerprint", () => {
  const change = (path: string, git: unknown, live: unknown, time = "2025-03-04T16:20:00Z") => ({
    path,
    display: path.slice(1).replaceAll("/", "."),
    git,
    live,
    owner: { manager: "kubectl-edit", actor: "imperative" as const, time },
  });

  it("names what differs, not who changed it or when, nor the order it was found in", () => {
    const one = driftFingerprint([drift([change("/data/A", "1", "2"), change("/data/B", "x", "y")])]);
    const reordered = driftFingerprint([
      drift([change("/data/B", "x", "y", "2026-01-01T00:00:00Z"), change("/data/A", "1", "2")]),
    ]);
    expect(one).toMatch(/^[0-9a-f]{16}$/);
    expect(reordered).toBe(one);
    expect(driftFingerprint([drift([change("/data/A", "1", "3"), change("/data/B", "x", "y")])])).not.toBe(one);
  });

  it("tells a second change of a Secret value apart, with fingerprints that are stable under the bot's key", () => {
    let fingerprint = stableFingerprinter("the App's private key", "installation:1");
    const value = (text: string) => fingerprint(Buffer.from(text), ["shop", "db", "password"]);
    const first = driftFingerprint([drift([change("/data/password", value("old"), value("hunter2"))], "Secret")]);
    fingerprint = stableFingerprinter("the App's private key", "installation:1"); // a restart, or another replica
    const again = driftFingerprint([drift([change("/data/password", value("old"), value("hunter2"))], "Secret")]);
    const changedAgain = driftFingerprint([drift([change("/data/password", value("old"), value("hunter3"))], "Secret")]);
    expect(again).toBe(first);
    expect(changedAgain).not.toBe(first);
    expect(value("hunter2")).not.toContain("hunter2");
  });
});

describe("markers", () => {
  it("round-trip through a body, carry no characters that could end the HTML comment, and ignore foreign text", () => {
    const marker = { cluster: "prod", fingerprint: "abc", items: ["ConfigMap shop/x data.A --> <!--"] };
    const written = writeMarker("drift", marker);
    expect(written).toMatch(/^<!-- plumbline:drift [A-Za-z0-9_-]+ -->$/);
    expect(readDriftMarker(`Some text\n\n${written}\n`)).toEqual(marker);
    expect(readDriftMarker("<!-- plumbline:drift not-json -->")).toBeUndefined();
    expect(readMarker(written, "dashboard")).toBeUndefined();
    expect(isResolved(markResolved("body"))).toBe(true);
    expect(markResolved(markResolved("body"))).toBe(markResolved("body"));
  });
});

describe("names and text", () => {
  it("gives each cluster one valid branch name", () => {
    expect(driftBranch("prod")).toBe("plumbline/drift/prod");
    expect(driftBranch("eu west/1..2")).toBe("plumbline/drift/eu-west-1.2");
    expect(driftBranch("..")).toBe("plumbline/drift/cluster");
  });

  it("says what changed by resource and field", () => {
    expect(describeChanges(["A a", "B b"], ["B b", "C c"])).toBe("- new: `C c`\n- no longer drifting: `A a`");
    expect(describeChanges(["A a"], ["A a"])).toBe("- changed value: `A a`");
  });

  it("escapes what comes from the cluster in the table", () => {
    const table = driftTable([
      {
        resource: "ConfigMap shop/x",
        field: "data.A",
        git: "a|b",
        live: "@admin `x`",
        who: "<script>",
        action: "write back to Git",
        written: true,
      },
    ]);
    expect(table).toContain("`a\\|b`");
    expect(table).toContain("`` @admin `x` ``");
    expect(table).toContain("&lt;script&gt;");
  });
});

describe("settings", () => {
  const env = { APP_ID: "42", PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----", WEBHOOK_SECRET: "s" };

  it("reads the environment with defaults", () => {
    expect(readSettings({ ...env, POD_NAME: "bot-0", PLUMBLINE_LEASE_NAMESPACE: "plumbline" })).toMatchObject({
      appId: "42",
      privateKey: "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----",
      port: 3000,
      logLevel: "info",
      identity: "bot-0",
      leaseNamespace: "plumbline",
      shutdownGraceMs: 90_000,
    });
    const encoded = Buffer.from("-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----").toString("base64");
    expect(readSettings({ ...env, PRIVATE_KEY: encoded }).privateKey).toContain("BEGIN PRIVATE KEY");
  });

  it("names what is missing or wrong", () => {
    expect(() => readSettings({ ...env, APP_ID: "" })).toThrow(new SettingsError("APP_ID is not set"));
    expect(() => readSettings({ ...env, PRIVATE_KEY: undefined })).toThrow("PRIVATE_KEY or PRIVATE_KEY_PATH is not set");
    expect(() => readSettings({ ...env, PORT: "eighty" })).toThrow('PORT must be a whole number, not "eighty"');
    expect(() => readSettings({ ...env, LOG_LEVEL: "loud" })).toThrow("LOG_LEVEL must be one of");
  });
});

describe("planDrift", () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
  namespace: shop
data:
  LOG_LEVEL: &level info
  AUDIT_LEVEL: *level
`;
  const result = (changes: Drift["changes"]): DriftResult => ({
    drifts: [{ ...drift(changes), file: "clusters/prod/settings.yaml", documentIndex: 0 }],
    summary: {} as DriftResult["summary"],
    warnings: [],
  });
  const edited = {
    path: "/data/LOG_LEVEL",
    display: "data.LOG_LEVEL",
    git: "info",
    live: "debug",
    owner: { manager: "kubectl-edit", actor: "imperative" as const },
  };

  const files = (contents: string) => async (file: string) => (file === "clusters/prod/settings.yaml" ? contents : undefined);

  it("reports, and does not write, a change the YAML cannot carry faithfully (an anchor others alias)", async () => {
    const drift = result([edited]);
    const plan = planDrift(drift, await planEdits(drift, files(text)), new Map());
    expect(plan.edits).toEqual([]);
    expect(plan.rows).toMatchObject([
      {
        field: "data.LOG_LEVEL",
        written: false,
        action: expect.stringMatching(/^not written: the YAML cannot be edited faithfully/),
      },
    ]);
    expect(plan.warnings).toEqual([
      expect.stringContaining("clusters/prod/settings.yaml: ConfigMap shop/shop-settings not written back"),
    ]);
  });

  it("writes a plain change and keeps the file's mode", async () => {
    const plain = text.replace("&level info", "info").replace("*level", "info");
    const drift = result([edited]);
    const plan = planDrift(drift, await planEdits(drift, files(plain)), new Map([["clusters/prod/settings.yaml", "100755"]]));
    expect(plan.edits).toEqual([
      { path: "clusters/prod/settings.yaml", mode: "100755", text: plain.replace("LOG_LEVEL: info", "LOG_LEVEL: debug") },
    ]);
    expect(plan.rows[0]?.written).toBe(true);
  });
});
