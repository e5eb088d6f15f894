import { type CelInput, type CelValue, celList, celMap, isCelList, isCelMap, isCelUint } from "@bufbuild/cel";

/**
 * Parsed YAML/JSON → CEL values, the way the API server presents an object to a policy: whole numbers
 * are `int` (YAML gives JS numbers, which CEL would read as `double`), mappings are maps, lists lists.
 * Converted once per object, so every expression over it shares the result.
 */
export function toCelValue(value: unknown): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "bigint") return value;
  if (Array.isArray(value)) return celList(value.map(toCelValue));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const entries = new Map<string, CelInput>();
    for (const [key, item] of Object.entries(value)) entries.set(key, toCelValue(item));
    return celMap(entries);
  }
  return String(value);
}

/** CEL values → plain JSON-like data (for messages and tests). */
export function fromCelValue(value: CelValue): unknown {
  if (typeof value === "bigint") return Number(value);
  if (isCelUint(value)) return Number(value.value);
  if (isCelList(value)) return Array.from(value, fromCelValue);
  if (isCelMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[String(isCelUint(key) ? key.value : key)] = fromCelValue(item);
    return out;
  }
  return value;
}
