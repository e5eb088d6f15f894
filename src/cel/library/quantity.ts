import type { CelValue } from "@bufbuild/cel";
import { expect as expectKind, func, methods, opaque, str } from "./opaque.js";

/**
 * The Kubernetes quantity library (resource.Quantity): `quantity('1.5Gi')`, `isQuantity`, and the
 * members isInteger, asInteger, asApproximateFloat, sign, add, sub, isLessThan, isGreaterThan,
 * compareTo. Values are exact rationals (numerator/denominator), so `quantity('0.2G')` equals
 * `quantity('200M')` and sums never round.
 */
interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const BINARY: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const FORM = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function parseQuantity(text: string): Rational | undefined {
  const match = FORM.exec(text);
  if (!match) return undefined;
  const [, number = "", suffix = ""] = match;
  const negative = number.startsWith("-");
  const digits = number.replace(/^[+-]/, "");
  const [whole = "", fraction = ""] = digits.split(".");
  let num = BigInt(`${whole || "0"}${fraction}`) * (negative ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  const binary = BINARY[suffix];
  if (binary !== undefined) num *= binary;
  else {
    const exponent = suffix === "" || DECIMAL[suffix] !== undefined ? (DECIMAL[suffix] ?? 0) : Number(suffix.slice(1));
    if (Math.abs(exponent) > 1000) return undefined;
    if (exponent >= 0) num *= 10n ** BigInt(exponent);
    else den *= 10n ** BigInt(-exponent);
  }
  return reduce({ num, den });
}

function reduce({ num, den }: Rational): Rational {
  const divisor = gcd(num < 0n ? -num : num, den);
  return divisor > 1n ? { num: num / divisor, den: den / divisor } : { num, den };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function toValue(q: Rational): CelValue {
  return opaque("Quantity", `${q.num}/${q.den}`);
}

function fromValue(value: CelValue, name: string): Rational {
  const [num = "0", den = "1"] = String(expectKind(value, "Quantity", name)).split("/");
  return { num: BigInt(num), den: BigInt(den) };
}

function operand(value: CelValue, name: string): Rational {
  if (typeof value === "bigint") return { num: value, den: 1n };
  return fromValue(value, name);
}

function compare(a: Rational, b: Rational): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

const plus = (a: Rational, b: Rational, sign: bigint) =>
  reduce({ num: a.num * b.den + sign * b.num * a.den, den: a.den * b.den });
const fitsInt = (q: Rational) => q.den === 1n && q.num <= INT64_MAX && q.num >= INT64_MIN;

export const QUANTITY_FUNCS = [
  func("quantity", 1, (text) => {
    const parsed = parseQuantity(str(text, "quantity"));
    if (!parsed)
      throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${text}`);
    return toValue(parsed);
  }),
  func("isQuantity", 1, (text) => parseQuantity(str(text, "isQuantity")) !== undefined),
  methods("isInteger", 0, { Quantity: (q) => fitsInt(fromValue(q, "isInteger")) }),
  methods("asInteger", 0, {
    Quantity: (q) => {
      const value = fromValue(q, "asInteger");
      if (!fitsInt(value)) throw new Error("cannot convert value to integer");
      return value.num;
    },
  }),
  methods("asApproximateFloat", 0, {
    Quantity: (q) => {
      const { num, den } = fromValue(q, "asApproximateFloat");
      return Number(num) / Number(den);
    },
  }),
  methods("sign", 0, {
    Quantity: (q) => {
      const { num } = fromValue(q, "sign");
      return num > 0n ? 1n : num < 0n ? -1n : 0n;
    },
  }),
  methods("add", 1, { Quantity: (q, other) => toValue(plus(fromValue(q, "add"), operand(other as CelValue, "add"), 1n)) }),
  methods("sub", 1, { Quantity: (q, other) => toValue(plus(fromValue(q, "sub"), operand(other as CelValue, "sub"), -1n)) }),
];

/** isLessThan, isGreaterThan and compareTo for quantities (shared with semver in ./comparable.ts). */
export function compareQuantities(a: CelValue, b: CelValue, name: string): number {
  return compare(fromValue(a, name), fromValue(b, name));
}
