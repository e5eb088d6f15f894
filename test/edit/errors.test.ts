import type { Operation } from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { applyPatchToYaml, EditError, type EditErrorCode } from "../../src/edit/index.js";
import { yaml } from "./helpers.js";

const text = yaml("a: &shared", "  x: 1", "b: *shared", "c:", "  <<: *shared", "  y: 2", "list: [1, 2]", "d:", "  k: v");

function failure(ops: unknown, source = text): EditError {
  try {
    applyPatchToYaml(source, { documentIndex: 0 }, ops as Operation[]);
  } catch (error) {
    expect(error).toBeInstanceOf(EditError);
    return error as EditError;
  }
  throw new Error("expected the patch to be refused");
}

describe("refusals", () => {
  it.each<[string, unknown, EditErrorCode, RegExp]>([
    ["not an array", { op: "add" }, "invalid-patch", /array of operations/],
    ["an unknown op", [{ op: "merge", path: "/a" }], "invalid-patch", /unknown op "merge"/],
    ["a path without a slash", [{ op: "remove", path: "a" }], "invalid-patch", /start with "\/"/],
    ["a bad escape", [{ op: "remove", path: "/a~2" }], "invalid-patch", /~0/],
    ["a missing value", [{ op: "add", path: "/z" }], "invalid-patch", /needs a `value`/],
    ["a value that is not JSON", [{ op: "add", path: "/z", value: new Date() }], "invalid-patch", /not plain data/],
    ["a non-finite number", [{ op: "add", path: "/z", value: Number.NaN }], "invalid-patch", /non-finite/],
    ["a move without from", [{ op: "move", path: "/z" }], "invalid-patch", /`from`/],
    ["removing what is not there", [{ op: "remove", path: "/zz" }], "invalid-patch", /does not exist/],
    ["a failed test", [{ op: "test", path: "/d/k", value: "w" }], "test-failed", /test of \/d\/k failed/],
  ])("refuses %s", (_, ops, code, message) => {
    const error = failure(ops);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("names the operation that failed", () => {
    const error = failure([
      { op: "replace", path: "/d/k", value: "w" },
      { op: "remove", path: "/nope" },
    ]);
    expect(error.opIndex).toBe(1);
    expect(error.message).toMatch(/^operation 1: /);
  });

  it("refuses to edit through an alias or inside an anchored node that an alias repeats", () => {
    expect(failure([{ op: "replace", path: "/b/x", value: 2 }]).code).toBe("unsupported");
    const shared = failure([{ op: "replace", path: "/a/x", value: 2 }]);
    expect(shared.code).toBe("unsupported");
    expect(shared.message).toMatch(/&shared/);
    expect(failure([{ op: "remove", path: "/a" }]).code).toBe("unsupported");
  });

  it("refuses to edit a value that comes from a merge key", () => {
    const error = failure([{ op: "replace", path: "/c/x", value: 2 }]);
    expect(error.code).toBe("unsupported");
    expect(error.message).toMatch(/merge key/);
  });

  it("refuses explicit `? key` entries", () => {
    expect(failure([{ op: "replace", path: "/k", value: 2 }], yaml("? k", ": 1")).code).toBe("unsupported");
  });

  it("refuses to remove the whole document", () => {
    expect(failure([{ op: "remove", path: "" }]).code).toBe("unsupported");
  });

  it("counts a merge key as a use of the anchor", () => {
    const merged = yaml("base: &b", "  x: 1", "m:", "  <<: *b");
    expect(failure([{ op: "replace", path: "/base/x", value: 2 }], merged).code).toBe("unsupported");
  });

  it("edits an anchored node that nothing repeats", () => {
    const result = applyPatchToYaml(yaml("a: &lonely", "  x: 1"), { documentIndex: 0 }, [
      { op: "replace", path: "/a/x", value: 2 },
    ]);
    expect(result.text).toBe(yaml("a: &lonely", "  x: 2"));
  });

  it("is a verification failure, never a wrong text, when an edit would not read back as the patch says", () => {
    // a tag forces the type: the engine writes 81, but !!str keeps it a string
    const error = failure([{ op: "replace", path: "/port", value: 81 }], yaml("port: !!str 80"));
    expect(error.code).toBe("verification-failed");
    expect(error.message).toMatch(/at \/port/);
  });

  it("leaves the caller's operations untouched", () => {
    const ops: Operation[] = [{ op: "add", path: "/d/new", value: { deep: [1] } }];
    const copy = structuredClone(ops);
    applyPatchToYaml(text, { documentIndex: 0 }, ops);
    expect(ops).toEqual(copy);
  });
});
