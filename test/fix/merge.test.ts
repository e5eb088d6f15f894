import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import jsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { mergeChanges, minimalPatch } from "../../src/fix/index.js";

describe("mergeChanges", () => {
  it("merges two objects added where there was none, instead of the second replacing the first", () => {
    const base = { name: "app" };
    const ours = { name: "app", securityContext: { runAsNonRoot: true } };
    const theirs = { name: "app", securityContext: { allowPrivilegeEscalation: false } };
    expect(mergeChanges(base, ours, theirs)).toEqual({
      value: { name: "app", securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false } },
    });
  });

  it("merges into a member that was null, as the API server reads null: absent", () => {
    expect(mergeChanges({ sc: null }, { sc: { a: 1 } }, { sc: { b: 2 } })).toEqual({ value: { sc: { a: 1, b: 2 } } });
  });

  it("takes a change only one side made, and agrees where both made the same", () => {
    expect(mergeChanges({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 })).toEqual({ value: { a: 2, b: 3 } });
    expect(mergeChanges({ a: 1 }, { a: 2 }, { a: 2 })).toEqual({ value: { a: 2 } });
    expect(mergeChanges({ a: 1, b: 2 }, { b: 2 }, { a: 1 })).toEqual({ value: {} });
  });

  it("reports the pointer of a field both set differently", () => {
    const base = { spec: { containers: [{ name: "app" }] } };
    const ours = { spec: { containers: [{ name: "app", securityContext: { runAsUser: 1000 } }] } };
    const theirs = { spec: { containers: [{ name: "app", securityContext: { runAsUser: 2000 } }] } };
    expect(mergeChanges(base, ours, theirs)).toEqual({ conflict: "/spec/containers/0/securityContext/runAsUser" });
  });

  it("calls removing what the other side changes a conflict", () => {
    expect(mergeChanges({ a: { x: 1 } }, {}, { a: { x: 2 } })).toEqual({ conflict: "/a" });
    expect(mergeChanges({ l: [{ x: 1 }] }, { l: [] }, { l: [{ x: 2 }] })).toEqual({ conflict: "/l/0" });
  });

  it("removes list items by what they are, not where they were: positions shifted by one fix stay right for the next", () => {
    // two duplicated env names: each fix removes the earlier duplicate, by its position in the original
    const env = [
      { name: "A", value: "1" },
      { name: "B", value: "1" },
      { name: "A", value: "2" },
      { name: "C", value: "1" },
      { name: "B", value: "2" },
    ];
    const withoutFirstA = env.filter((_, index) => index !== 0);
    const withoutFirstB = env.filter((_, index) => index !== 1);
    expect(mergeChanges(env, withoutFirstA, withoutFirstB)).toEqual({ value: [env[2], env[3], env[4]] });
  });

  it("edits different items of one list in place, and merges edits of the same item", () => {
    const base = [{ name: "a" }, { name: "b" }];
    expect(mergeChanges(base, [{ name: "a", x: 1 }, { name: "b" }], [{ name: "a" }, { name: "b", y: 2 }])).toEqual({
      value: [
        { name: "a", x: 1 },
        { name: "b", y: 2 },
      ],
    });
    expect(mergeChanges(base, [{ name: "a", x: 1 }, { name: "b" }], [{ name: "a", y: 2 }, { name: "b" }])).toEqual({
      value: [{ name: "a", x: 1, y: 2 }, { name: "b" }],
    });
  });

  it("keeps items both sides insert at one place once, ours first", () => {
    expect(mergeChanges(["x"], ["x", "ALL"], ["x", "ALL"])).toEqual({ value: ["x", "ALL"] });
    expect(mergeChanges(["x"], ["x", "a"], ["x", "b"])).toEqual({ value: ["x", "a", "b"] });
  });

  it("calls a scalar against an object a conflict", () => {
    expect(mergeChanges({}, { a: 1 }, { a: { b: 1 } })).toEqual({ conflict: "/a" });
  });
});

/** JSON values as manifests hold them: small keys, so that objects share and lose keys often. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.oneof(fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom("a", "b", "c"), fc.constant(null)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("minimalPatch", () => {
  it("turns any value into any other (property)", () => {
    fc.assert(
      fc.property(json, json, (before, after) => {
        const patch = minimalPatch(before, after);
        const result = jsonPatch.applyPatch(structuredClone(before), structuredClone(patch), true, true).newDocument;
        expect(result).toEqual(after);
      }),
      { numRuns: 500 },
    );
  });

  it("touches only what differs, and lists item by item", () => {
    const before = { spec: { env: [{ name: "A" }, { name: "B" }, { name: "C" }], keep: { deep: [1, 2, 3] } } };
    const after = { spec: { env: [{ name: "A" }, { name: "C" }], keep: { deep: [1, 2, 3] } } };
    expect(minimalPatch(before, after)).toEqual([{ op: "remove", path: "/spec/env/1" }]);
    expect(minimalPatch({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3, d: 4 } })).toEqual([
      { op: "add", path: "/a/d", value: 4 },
      { op: "replace", path: "/a/c", value: 3 },
    ]);
  });

  it("adds a renamed key before removing the old one, so no mapping is ever left empty", () => {
    expect(minimalPatch({ backend: { serviceName: "web" } }, { backend: { service: { name: "web" } } })).toEqual([
      { op: "add", path: "/backend/service", value: { name: "web" } },
      { op: "remove", path: "/backend/serviceName" },
    ]);
  });
});

describe("mergeChanges (properties)", () => {
  it("a change merged with no change is that change, whichever side it is on", () => {
    fc.assert(
      fc.property(json, json, (base, changed) => {
        expect(mergeChanges(base, changed, base)).toEqual({ value: changed });
        expect(mergeChanges(base, base, changed)).toEqual({ value: changed });
      }),
      { numRuns: 300 },
    );
  });

  it("a merge without conflict holds every field either side changed and the other did not", () => {
    const object = fc.dictionary(fc.constantFrom("a", "b", "c", "d"), json, { maxKeys: 4 });
    fc.assert(
      fc.property(object, object, object, (base, ours, theirs) => {
        const merged = mergeChanges(base, ours, theirs);
        if ("conflict" in merged) return;
        const value = merged.value as Record<string, unknown>;
        for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])) {
          const [b, o, t] = [base[key], ours[key], theirs[key]];
          if (!isDeepStrictEqual(o, b) && isDeepStrictEqual(t, b)) expect(value[key]).toEqual(o);
          if (!isDeepStrictEqual(t, b) && isDeepStrictEqual(o, b)) expect(value[key]).toEqual(t);
        }
      }),
      { numRuns: 300 },
    );
  });
});
