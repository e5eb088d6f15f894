/**
 * Kubernetes resource quantities compared by exact value.
 *
 * Floats lose precision (`0.1 + 0.2`), and a linter that says `1000M < 1Gi` is wrong must be exact,
 * so a quantity is kept as a rational number of BigInts.
 */
export interface Quantity {
  /** numerator and positive denominator of the value in base units (cores, bytes) */
  readonly num: bigint;
  readonly den: bigint;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

const DECIMAL_EXPONENT: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** Parses `500m`, `0.5`, `1Gi`, `1e3`, or a number; undefined when it is not a quantity. */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return undefined;
    return parseQuantity(String(input));
  }
  if (typeof input !== "string") return undefined;
  const match = QUANTITY.exec(input.trim());
  if (!match) return undefined;
  const [, sign = "", digits = "", suffix, exponent] = match;
  const [whole = "", fraction = ""] = digits.split(".");
  let num = BigInt((whole || "0") + fraction);
  let den = 10n ** BigInt(fraction.length);
  if (sign === "-") num = -num;
  if (suffix !== undefined && suffix in BINARY) {
    num *= BINARY[suffix] as bigint;
  } else {
    const exp = exponent !== undefined ? Number(exponent) : (DECIMAL_EXPONENT[suffix ?? ""] ?? 0);
    if (Math.abs(exp) > 64) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return reduce(num, den);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduce(num: bigint, den: bigint): Quantity {
  const divisor = gcd(num, den);
  return { num: num / divisor, den: den / divisor };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** True when both parse and are the same amount (`0.5` and `500m`, `1.5Gi` and `1536Mi`). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && compareQuantities(x, y) === 0;
}

export function isZero(q: Quantity): boolean {
  return q.num === 0n;
}
