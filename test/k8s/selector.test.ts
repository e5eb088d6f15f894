import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeRequirement,
  firstMiss,
  isEmptySelector,
  type LabelSelector,
  parseLabelSelector,
  parseLabels,
  selectorMatches,
} from "../../src/k8s/selector.js";

function selector(value: unknown): LabelSelector {
  const parsed = parseLabelSelector(value);
  if (!parsed) throw new Error("selector does not parse");
  return parsed;
}

describe("matchLabels", () => {
  it("needs every label with the same value; other labels do not matter", () => {
    const s = selector({ matchLabels: { app: "web", tier: "front" } });
    expect(selectorMatches(s, { app: "web", tier: "front", extra: "x" })).toBe(true);
    expect(selectorMatches(s, { app: "web" })).toBe(false);
    expect(selectorMatches(s, { app: "web", tier: "back" })).toBe(false);
  });

  it("reports the first label that fails, with what the labels have", () => {
    const s = selector({ matchLabels: { app: "web", tier: "front" } });
    expect(firstMiss(s, { app: "web", tier: "back" })).toEqual({
      via: "matchLabels",
      key: "tier",
      expected: "front",
      actual: "back",
    });
    expect(firstMiss(s, {})).toEqual({ via: "matchLabels", key: "app", expected: "web" });
  });

  it("does not treat inherited object properties as labels", () => {
    const s = selector({ matchExpressions: [{ key: "constructor", operator: "DoesNotExist" }] });
    expect(selectorMatches(s, {})).toBe(true);
  });
});

describe("matchExpressions", () => {
  const labels = { app: "web", env: "prod" };
  const cases: [unknown, boolean][] = [
    [{ key: "app", operator: "In", values: ["web", "api"] }, true],
    [{ key: "app", operator: "In", values: ["api"] }, false],
    [{ key: "missing", operator: "In", values: ["x"] }, false],
    [{ key: "env", operator: "NotIn", values: ["dev"] }, true],
    [{ key: "env", operator: "NotIn", values: ["prod"] }, false],
    [{ key: "missing", operator: "NotIn", values: ["x"] }, true],
    [{ key: "app", operator: "Exists" }, true],
    [{ key: "missing", operator: "Exists" }, false],
    [{ key: "missing", operator: "DoesNotExist" }, true],
    [{ key: "app", operator: "DoesNotExist", values: [] }, false],
  ];
  it.each(cases)("%j holds: %s", (requirement, expected) => {
    expect(selectorMatches(selector({ matchExpressions: [requirement] }), labels)).toBe(expected);
  });

  it("needs matchLabels and every expression together", () => {
    const s = selector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "env", operator: "In", values: ["dev"] }] });
    const miss = firstMiss(s, labels);
    expect(miss).toMatchObject({ via: "matchExpressions", index: 0, actual: "prod" });
  });

  it("spells requirements the way kubectl does", () => {
    const s = selector({
      matchExpressions: [
        { key: "a", operator: "In", values: ["x", "y"] },
        { key: "b", operator: "NotIn", values: ["z"] },
        { key: "c", operator: "Exists" },
        { key: "d", operator: "DoesNotExist" },
      ],
    });
    expect(s.matchExpressions.map(describeRequirement)).toEqual(["a in (x, y)", "b notin (z)", "c", "!d"]);
  });
});

describe("parsing", () => {
  it("refuses malformed selectors instead of guessing", () => {
    const bad = [
      "app=web",
      [],
      { matchLabels: ["app"] },
      { matchLabels: { app: { nested: true } } },
      { matchExpressions: {} },
      { matchExpressions: [{ key: "a", operator: "Equals", values: ["x"] }] },
      { matchExpressions: [{ key: "a", operator: "In" }] },
      { matchExpressions: [{ key: "a", operator: "In", values: [] }] },
      { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] },
      { matchExpressions: [{ operator: "Exists" }] },
    ];
    for (const value of bad) expect(parseLabelSelector(value), JSON.stringify(value)).toBeUndefined();
  });

  it("reads scalar labels as text on both sides", () => {
    const s = selector({ matchLabels: { version: 2, canary: true } });
    expect(selectorMatches(s, parseLabels({ version: 2, canary: true }) ?? {})).toBe(true);
    expect(selectorMatches(s, { version: "2", canary: "true" })).toBe(true);
  });

  it("treats absent labels as none, and non-maps as unreadable", () => {
    expect(parseLabels(undefined)).toEqual({});
    expect(parseLabels(null)).toEqual({});
    expect(parseLabels(["app"])).toBeUndefined();
    expect(parseLabels({ app: null })).toBeUndefined();
  });

  it("knows an empty selector", () => {
    expect(isEmptySelector(selector({}))).toBe(true);
    expect(isEmptySelector(selector({ matchLabels: {}, matchExpressions: [] }))).toBe(true);
    expect(isEmptySelector(selector({ matchLabels: { a: "b" } }))).toBe(false);
  });
});

describe("properties", () => {
  const label = fc.stringMatching(/^[a-z]{1,4}$/);
  const labelMap = fc.dictionary(label, label, { maxKeys: 5 });

  it("a selector made of a pod's own labels selects it", () => {
    fc.assert(fc.property(labelMap, (labels) => selectorMatches(selector({ matchLabels: labels }), labels)));
  });

  it("NotIn is the negation of In, and DoesNotExist of Exists", () => {
    fc.assert(
      fc.property(labelMap, label, fc.array(label, { minLength: 1, maxLength: 3 }), (labels, key, values) => {
        const holds = (operator: string, vals?: string[]) =>
          selectorMatches(selector({ matchExpressions: [{ key, operator, ...(vals ? { values: vals } : {}) }] }), labels);
        expect(holds("NotIn", values)).toBe(!holds("In", values));
        expect(holds("DoesNotExist")).toBe(!holds("Exists"));
      }),
    );
  });
});
