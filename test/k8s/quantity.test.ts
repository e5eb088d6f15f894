import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareQuantities, isZero, parseQuantity, sameQuantity } from "../../src/k8s/quantity.js";

function q(text: string | number) {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`${text} does not parse`);
  return parsed;
}

describe("parseQuantity", () => {
  it("reads decimal, binary and exponent suffixes exactly", () => {
    expect(q("500m")).toEqual({ num: 1n, den: 2n });
    expect(q("1Ki")).toEqual({ num: 1024n, den: 1n });
    expect(q("1.5Gi")).toEqual({ num: 3n * (1n << 29n), den: 1n });
    expect(q("1e3")).toEqual({ num: 1000n, den: 1n });
    expect(q("2.5E-3")).toEqual({ num: 1n, den: 400n });
    expect(q(".5")).toEqual({ num: 1n, den: 2n });
    expect(q(0.25)).toEqual({ num: 1n, den: 4n });
  });

  it("rejects what is not a quantity", () => {
    for (const bad of ["", "abc", "1.2.3", "5 Gi", "1GB", "Infinity", "1e999", null, undefined, true, {}]) {
      expect(parseQuantity(bad), String(bad)).toBeUndefined();
    }
    expect(parseQuantity(Number.NaN)).toBeUndefined();
  });
});

describe("comparing quantities", () => {
  it("treats equal amounts written differently as equal", () => {
    expect(sameQuantity("0.5", "500m")).toBe(true);
    expect(sameQuantity("1.5Gi", "1536Mi")).toBe(true);
    expect(sameQuantity("1k", "1000")).toBe(true);
    expect(sameQuantity("1Ki", "1k")).toBe(false);
    expect(sameQuantity("1Gi", "nonsense")).toBe(false);
  });

  it("orders decimal and binary units by exact value", () => {
    expect(compareQuantities(q("1000M"), q("1Gi"))).toBe(-1);
    expect(compareQuantities(q("1G"), q("1Gi"))).toBe(-1);
    expect(compareQuantities(q("1025Mi"), q("1Gi"))).toBe(1);
    expect(compareQuantities(q("100m"), q("0.1"))).toBe(0);
  });

  it("is exact where floats are not", () => {
    // 0.1 + 0.2 !== 0.3 in floating point; as quantities 100m + 200m is exactly 300m
    const a = q("0.1");
    const b = q("0.2");
    const sum = { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
    expect(compareQuantities(sum, q("0.3"))).toBe(0);
    expect(compareQuantities(q("0.30000000000000004"), q("0.3"))).toBe(1);
  });

  it("recognises zero however it is written", () => {
    expect(isZero(q("0"))).toBe(true);
    expect(isZero(q("0Mi"))).toBe(true);
    expect(isZero(q("0.000"))).toBe(true);
    expect(isZero(q("1n"))).toBe(false);
  });

  it("agrees with integer arithmetic on milli-values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (x, y) => {
        const sign = Math.sign(x - y);
        expect(compareQuantities(q(`${x}m`), q(`${y}m`))).toBe(sign === 0 ? 0 : sign);
        expect(sameQuantity(`${x}m`, String(x / 1000))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
