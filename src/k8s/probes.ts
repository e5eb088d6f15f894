/** Container probes: whether one is set, and what it checks once the API server's defaults are filled in. */
import type { KubeObject } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";

export type ProbeField = "livenessProbe" | "readinessProbe" | "startupProbe";

/** `livenessProbe:` with nothing after it is null, which the API server reads as no probe. */
export function hasProbe(container: KubeObject, field: ProbeField): boolean {
  const probe = container[field];
  return probe !== undefined && probe !== null;
}

/** What the API server fills in when a probe leaves a timing out. */
const TIMING_DEFAULTS: Readonly<Record<string, number>> = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

/**
 * Whether two probes check the same thing at the same pace: compared as structures (key order and
 * spelled-out defaults do not matter), so `periodSeconds: 10` equals leaving it out.
 * `terminationGracePeriodSeconds` is ignored: only liveness probes may have it and it does not change
 * what is checked.
 */
export function sameProbe(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b)) return false;
  return canonical(normalizeProbe(a)) === canonical(normalizeProbe(b));
}

function normalizeProbe(probe: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...TIMING_DEFAULTS };
  for (const [key, value] of Object.entries(probe)) {
    if (value === null || value === undefined || key === "terminationGracePeriodSeconds") continue;
    out[key] = value;
  }
  if (isRecord(out.httpGet)) out.httpGet = { scheme: "HTTP", path: "/", ...withoutNulls(out.httpGet) };
  if (isRecord(out.grpc)) out.grpc = { service: "", ...withoutNulls(out.grpc) };
  return out;
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

/** JSON with object keys sorted, so structurally equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
