/**
 * A drift's identity across runs, restarts and replicas: what differs, never who or when. It is
 * what the bot remembers in GitHub (a PR body, a check run's external_id) to tell "same drift"
 * from "new drift".
 *
 * Secret values arrive from the core as keyed fingerprints. The bot keys them with its private key
 * (see createBot), so they are stable across runs and a second change to a drifted Secret is new drift,
 * while the fingerprint still reveals nothing about the value.
 */

import { createHash } from "node:crypto";
import { isSecretValuePath } from "../../src/drift/secret-values.js";
import type { Drift, DriftChange } from "../../src/drift/types.js";
import { parsePointer } from "../../src/manifests/pointer.js";
import { apiGroup } from "../../src/manifests/resource.js";
import { objectName } from "../../src/report/drift-values.js";

export function driftFingerprint(drifts: readonly Drift[]): string {
  const entries = drifts.map((drift) => [
    objectName(drift),
    apiGroup(drift.apiVersion),
    drift.status,
    drift.changes.map((change) => [change.path, ...shownValues(drift, change)]).sort(compareJson),
  ]);
  entries.sort(compareJson);
  return createHash("sha256").update(stableJson(entries)).digest("hex").slice(0, 16);
}

/** Whether a change's values are fingerprints rather than values (a Secret's data, a credential env var). */
export function isSecretChange(drift: Pick<Drift, "kind" | "apiVersion">, change: Pick<DriftChange, "path" | "secret">): boolean {
  return change.secret === true || isSecretValuePath(drift, parsePointer(change.path));
}

function shownValues(_drift: Drift, change: DriftChange): [unknown, unknown] {
  return [change.git ?? null, change.live ?? null];
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function compareJson(a: unknown, b: unknown): number {
  const left = stableJson(a);
  const right = stableJson(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
