/** The values JSON Patch carries, and the comparisons the engine needs on them. */
import { isRecord } from "../manifests/resource.js";

export type JsonScalar = null | boolean | number | string;
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return isRecord(value);
}

export function isCollectionValue(value: unknown): value is JsonObject | JsonValue[] {
  return value !== null && typeof value === "object";
}

/** Empty collections are written inline (`{}`, `[]`) like scalars. */
export function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return equalWith(a, b, () => false);
}

/**
 * Structural equality where two differing leaves may still count as equal, e.g. `1000m` and `1`
 * when the caller compares quantities by value.
 */
export function equalWith(a: unknown, b: unknown, leavesEquivalent: (a: unknown, b: unknown) => boolean): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => equalWith(item, b[index], leavesEquivalent));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && equalWith(a[key], b[key], leavesEquivalent));
  }
  if (isJsonObject(a) || isJsonObject(b)) return false;
  return leavesEquivalent(a, b);
}

/** JSON pointer of the first place where two values differ (for error messages); "" for the root. */
export function firstDifference(a: unknown, b: unknown, leavesEquivalent: (a: unknown, b: unknown) => boolean): string {
  const bothArrays = Array.isArray(a) && Array.isArray(b) && a.length === b.length;
  const bothObjects = isJsonObject(a) && isJsonObject(b) && Object.keys(a).length === Object.keys(b).length;
  if (!bothArrays && !bothObjects) return "";
  const record = (value: unknown) => value as Record<string, unknown>;
  for (const key of Object.keys(record(a))) {
    if (!Object.hasOwn(record(b), key)) return "";
    if (!equalWith(record(a)[key], record(b)[key], leavesEquivalent)) {
      const escaped = key.replaceAll("~", "~0").replaceAll("/", "~1");
      return `/${escaped}${firstDifference(record(a)[key], record(b)[key], leavesEquivalent)}`;
    }
  }
  return "";
}

export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

const MAX_DEPTH = 200;

/** Why a patch value is not plain JSON data, or undefined when it is. */
export function notJsonReason(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return "is nested too deeply";
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `holds the non-finite number ${value}`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!(index in value)) return "holds an array with holes";
      const reason = notJsonReason(value[index], depth + 1);
      if (reason) return reason;
    }
    return undefined;
  }
  if (typeof value === "object") {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return "holds an object that is not plain data";
    for (const item of Object.values(value)) {
      const reason = notJsonReason(item, depth + 1);
      if (reason) return reason;
    }
    return undefined;
  }
  return `holds a ${typeof value}`;
}
