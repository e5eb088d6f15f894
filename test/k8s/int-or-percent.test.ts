import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIntOrPercent, scaledValue } from "../../src/k8s/int-or-percent.js";

describe("IntOrString pod counts", () => {
  it("reads whole numbers and whole percentages only", () => {
    expect(parseIntOrPercent(3)).toEqual({ kind: "int", value: 3 });
    expect(parseIntOrPercent("25%")).toEqual({ kind: "percent", value: 25 });
    expect(parseIntOrPercent(" 0% ")).toEqual({ kind: "percent", value: 0 });
    for (const bad of ["3", "12.5%", -1, 1.5, "%", null, undefined, true])
      expect(parseIntOrPercent(bad), String(bad)).toBeUndefined();
  });

  it("scales percentages with whole-number arithmetic, up or down", () => {
    expect(scaledValue({ kind: "percent", value: 10 }, 30, false)).toBe(3);
    expect(scaledValue({ kind: "percent", value: 10 }, 30, true)).toBe(3);
    expect(scaledValue({ kind: "percent", value: 25 }, 1, false)).toBe(0);
    expect(scaledValue({ kind: "percent", value: 25 }, 1, true)).toBe(1);
    expect(scaledValue({ kind: "int", value: 7 }, 3, true)).toBe(7);
  });

  it("matches the exact rational value for every percentage and count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 10_000 }), (percent, total) => {
        const down = scaledValue({ kind: "percent", value: percent }, total, false);
        const up = scaledValue({ kind: "percent", value: percent }, total, true);
        expect(down * 100 <= percent * total && percent * total < (down + 1) * 100).toBe(true);
        expect((up - 1) * 100 < percent * total && percent * total <= up * 100).toBe(true);
      }),
    );
  });
});
