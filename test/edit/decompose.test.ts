import fc from "fast-check";
import jsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { diffValues } from "../../src/edit/decompose.js";
import type { JsonValue } from "../../src/edit/json-value.js";
import { valueArb } from "./arbitraries.js";

describe("diffValues", () => {
  it("turns any value into any other", () => {
    fc.assert(
      fc.property(valueArb, valueArb, (before, after) => {
        const ops = diffValues(before, after, []);
        const result = jsonPatch.applyPatch(structuredClone(before), ops, true, false).newDocument;
        expect(result).toEqual(after);
      }),
      { numRuns: 200 },
    );
  });

  it("touches only the keys that differ", () => {
    expect(diffValues({ a: 1, b: { c: 2, d: 3 } } as JsonValue, { a: 1, b: { c: 2, d: 4 }, e: 5 } as JsonValue, ["x"])).toEqual([
      { op: "replace", path: "/x/b/d", value: 4 },
      { op: "add", path: "/x/e", value: 5 },
    ]);
  });

  it("aligns list items by value, so a removed first item is one remove", () => {
    expect(diffValues(["a", "b", "c"], ["b", "c"], [])).toEqual([{ op: "remove", path: "/0" }]);
    expect(diffValues(["a", "c"], ["a", "b", "c"], [])).toEqual([{ op: "add", path: "/1", value: "b" }]);
  });

  it("diffs a changed item in place rather than replacing it", () => {
    const before = [{ name: "web", image: "a" }, { name: "side" }] as JsonValue;
    const after = [{ name: "web", image: "b" }, { name: "side" }] as JsonValue;
    expect(diffValues(before, after, ["containers"])).toEqual([{ op: "replace", path: "/containers/0/image", value: "b" }]);
  });
});
