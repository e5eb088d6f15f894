import { describe, expect, it } from "vitest";
import { applyPatchToYaml, EditError } from "../../src/edit/index.js";
import { edit, yaml } from "./helpers.js";

describe("move, copy and test", () => {
  it("moves a value: removed at `from`, added at `path`", () => {
    expect(edit(yaml("a:", "  x: 1 # one", "  y: 2", "b: {}"), [{ op: "move", from: "/a/x", path: "/b/x" }])).toBe(
      yaml("a:", "  y: 2", "b:", "  x: 1"),
    );
  });

  it("moves an item within a list", () => {
    expect(edit(yaml("- a", "- b", "- c"), [{ op: "move", from: "/0", path: "/-" }])).toBe(yaml("- b", "- c", "- a"));
  });

  it("checks a move's target after the value left (RFC 6902), unlike fast-json-patch", () => {
    const text = yaml("l:", "  - x", "  - []", "  - 0");
    expect(() => applyPatchToYaml(text, { documentIndex: 0 }, [{ op: "move", from: "/l/0", path: "/l/1/0" }])).toThrow(EditError);
  });

  it("refuses to move a value into its own child", () => {
    expect(() =>
      applyPatchToYaml(yaml("a:", "  b: 1"), { documentIndex: 0 }, [{ op: "move", from: "/a", path: "/a/b/c" }]),
    ).toThrow(/its own child/);
  });

  it("copies a value", () => {
    expect(edit(yaml("a:", "  x: [1, 2]", "b: []"), [{ op: "copy", from: "/a/x", path: "/b/0" }])).toBe(
      yaml("a:", "  x: [1, 2]", "b:", "  - - 1", "    - 2"),
    );
  });

  it("a passing test changes nothing; a failing one stops the whole patch", () => {
    const text = yaml("a: 1", "b: 2");
    expect(edit(text, [{ op: "test", path: "/a", value: 1 }])).toBe(text);
    expect(() =>
      applyPatchToYaml(text, { documentIndex: 0 }, [
        { op: "replace", path: "/b", value: 3 },
        { op: "test", path: "/a", value: 2 },
      ]),
    ).toThrow(expect.objectContaining({ code: "test-failed", opIndex: 1 }));
  });

  it("a test sees the operations before it", () => {
    expect(
      edit(yaml("a: 1"), [
        { op: "replace", path: "/a", value: 2 },
        { op: "test", path: "/a", value: 2 },
        { op: "add", path: "/b", value: 3 },
      ]),
    ).toBe(yaml("a: 2", "b: 3"));
  });
});
