/**
 * `IntOrString` fields that count pods (`maxUnavailable`, `maxSurge`, `minAvailable`): a whole number or
 * a whole percentage, resolved against a pod count the way the controllers resolve them.
 */

export type IntOrPercent =
  | { readonly kind: "int"; readonly value: number }
  | { readonly kind: "percent"; readonly value: number };

const PERCENT = /^(\d+)%$/;

/**
 * `3` or `"25%"`; undefined for anything the API server would refuse (`"3"`, `"12.5%"`, negatives), which
 * schema validation reports, so a rule guessing at it would only add noise.
 */
export function parseIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? { kind: "int", value } : undefined;
  if (typeof value !== "string") return undefined;
  const match = PERCENT.exec(value.trim());
  return match ? { kind: "percent", value: Number(match[1]) } : undefined;
}

/**
 * The pod count a value means out of `total`: intstr.GetScaledValueFromIntOrPercent. Whole-number
 * arithmetic, so 10% of 30 is exactly 3 and not 2.9999.
 */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (value.kind === "int") return value.value;
  const product = value.value * total;
  return roundUp ? Math.ceil(product / 100) : Math.floor(product / 100);
}

/** `0` or `"0%"`: zero whatever the count. */
export function isZero(value: IntOrPercent): boolean {
  return value.value === 0;
}

/** How a value reads in messages: `2`, `25%`. */
export function describeIntOrPercent(value: IntOrPercent): string {
  return value.kind === "int" ? String(value.value) : `${value.value}%`;
}
