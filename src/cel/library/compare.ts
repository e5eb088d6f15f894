import { type CelValue, isCelList, isCelMap, isCelUint } from "@bufbuild/cel";

/** A number's magnitude for ordering and equality across int, uint and double, as CEL compares them. */
function numeric(value: CelValue): number | bigint | undefined {
  if (typeof value === "bigint" || typeof value === "number") return value;
  if (isCelUint(value)) return value.value;
  return undefined;
}

/** CEL ordering (`<`): numbers across int/uint/double, strings, bools; anything else has no order. */
export function compareCel(a: CelValue, b: CelValue): number {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  throw new Error(`no such overload: cannot compare ${typeName(a)} with ${typeName(b)}`);
}

/** CEL equality (`==`) over the values objects are made of. */
export function equalsCel(a: CelValue, b: CelValue): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined || y !== undefined) return x !== undefined && y !== undefined && compareCel(x, y) === 0;
  if (isCelList(a) || isCelList(b)) {
    if (!isCelList(a) || !isCelList(b) || a.size !== b.size) return false;
    const left = Array.from(a);
    const right = Array.from(b);
    return left.every((item, i) => equalsCel(item, right[i] as CelValue));
  }
  if (isCelMap(a) || isCelMap(b)) {
    if (!isCelMap(a) || !isCelMap(b) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      if (!b.has(key)) return false;
      if (!equalsCel(value, b.get(key) as CelValue)) return false;
    }
    return true;
  }
  return a === b;
}

export function typeName(value: CelValue): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "double";
  if (isCelUint(value)) return "uint";
  if (isCelList(value)) return "list";
  if (isCelMap(value)) return "map";
  return typeof value;
}
