/**
 * When two scalars mean the same to the API server although they are spelled differently:
 * quantities by exact value (`0.5` is `500m`, `1.5Gi` is `1536Mi`) and durations by length
 * (`1h` is `1h0m0s`, as Go prints them back). Everything else compares exactly, types included:
 * `"8080"` is not `8080`, because a string port is a named port.
 */

import { sameQuantity } from "../k8s/quantity.js";

/** Maps whose values are quantities: resources, quotas, limit ranges, capacities, VPA bounds. */
const QUANTITY_MAPS: ReadonlySet<string> = new Set([
  "requests",
  "limits",
  "capacity",
  "allocatable",
  "hard",
  "overhead",
  "max",
  "min",
  "default",
  "defaultRequest",
  "maxLimitRequestRatio",
  "minAllowed",
  "maxAllowed",
]);

const QUANTITY_FIELDS: ReadonlySet<string> = new Set(["sizeLimit", "storage"]);

/** `parent` and `field` are the last two names on the field's path (`[]` for a list item). */
export function isQuantityField(parent: string | undefined, field: string | undefined): boolean {
  return (parent !== undefined && QUANTITY_MAPS.has(parent)) || (field !== undefined && QUANTITY_FIELDS.has(field));
}

const DURATION = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a Go duration string (`1h30m`, `90s`, `0`), or undefined. */
export function parseDuration(text: string): number | undefined {
  if (text === "0") return 0;
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) total += Number(amount) * (UNIT_NS[unit as string] ?? 0);
  return text.startsWith("-") ? -total : total;
}

export interface ScalarContext {
  readonly parent: string | undefined;
  readonly field: string | undefined;
  /** free text (labels, annotations, ConfigMap data, env values, args): compared exactly */
  readonly freeform: boolean;
}

export function sameScalar(git: unknown, live: unknown, context: ScalarContext): boolean {
  if (git === live) return true;
  if (context.freeform) return false;
  if (isQuantityField(context.parent, context.field)) return sameQuantity(git, live);
  if (typeof git === "string" && typeof live === "string") {
    const a = parseDuration(git);
    return a !== undefined && a === parseDuration(live);
  }
  return false;
}
