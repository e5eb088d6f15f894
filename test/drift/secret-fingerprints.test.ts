/**
 * Secret fingerprints say "changed" or "same" to the one who may know, and nothing to anyone else:
 * they are keyed per tenant (an installation of the bot) and per Secret and key, so one tenant
 * cannot confirm a guess of another's value by comparing fingerprints, and two Secrets holding the
 * same value do not show it.
 */

import { describe, expect, it } from "vitest";
import { detectDrift } from "../../src/drift/compare.js";
import { type Fingerprinter, stableFingerprinter } from "../../src/drift/secret-values.js";
import type { KubeObject } from "../../src/manifests/resource.js";
import { gitFrom, liveFrom } from "./helpers.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const KEY = "the App's private key, or any secret the door guards";

function secret(name: string, key: string, value: string): KubeObject {
  return { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name, namespace: "shop" }, data: { [key]: b64(value) } };
}

/** The fingerprints a check shows for `name`'s `key` when Git says `gitValue` and the cluster `liveValue`. */
function shown(fingerprint: Fingerprinter | undefined, name: string, key: string, gitValue: string, liveValue: string) {
  const git = gitFrom(
    `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: shop}\ndata:\n  ${key}: ${b64(gitValue)}\n`,
  );
  const result = detectDrift(git, liveFrom([secret(name, key, liveValue)]), fingerprint ? { fingerprint } : {});
  const change = result.drifts[0]?.changes[0];
  return { git: String(change?.git), live: String(change?.live) };
}

describe("secret fingerprints", () => {
  it("differ between tenants for the same Secret, key and value", () => {
    const a = shown(stableFingerprinter(KEY, "installation:1"), "db", "password", "guess-1", "real-value");
    const b = shown(stableFingerprinter(KEY, "installation:2"), "db", "password", "guess-1", "real-value");
    expect(a.live).toMatch(/^hmac:[0-9a-f]{8}$/);
    expect(a.live).not.toBe(b.live);
    // tenant 2 guessing tenant 1's value learns nothing from its own fingerprints
    const guess = shown(stableFingerprinter(KEY, "installation:2"), "db", "password", "real-value", "other");
    expect(guess.git).not.toBe(a.live);
  });

  it("differ between Secrets and between keys holding the same value", () => {
    const fingerprint = stableFingerprinter(KEY, "installation:1");
    const db = shown(fingerprint, "db", "password", "g", "same-value");
    const cache = shown(fingerprint, "cache", "password", "g", "same-value");
    const other = shown(fingerprint, "db", "token", "g", "same-value");
    expect(new Set([db.live, cache.live, other.live]).size).toBe(3);
  });

  it("stay the same for one tenant, Secret and key: across runs, replicas and restarts", () => {
    const first = shown(stableFingerprinter(KEY, "installation:1"), "db", "password", "g", "v");
    const again = shown(stableFingerprinter(KEY, "installation:1"), "db", "password", "g", "v");
    expect(again).toEqual(first);
  });

  it("without a key of the door's own are keyed afresh per process, still per Secret and key", () => {
    const db = shown(undefined, "db", "password", "g", "same-value");
    const cache = shown(undefined, "cache", "password", "g", "same-value");
    expect(db.live).toMatch(/^hmac:[0-9a-f]{8}$/);
    expect(db.live).not.toBe(cache.live);
  });
});
