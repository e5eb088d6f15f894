import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/edit/line-diff.js";

/** Lines of a text whose every line ends with a line break. */
const linesOf = (text: string): string[] => (text === "" ? [] : text.slice(0, -1).split("\n"));

function replay(before: string, changes: ReturnType<typeof diffLines>): string[] {
  const lines = linesOf(before);
  for (const change of [...changes].reverse()) lines.splice(change.start - 1, change.end - change.start + 1, ...change.lines);
  return lines;
}

describe("diffLines", () => {
  it("reports nothing for equal texts", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual([]);
  });

  it("reports a changed line, an insertion and a deletion", () => {
    expect(diffLines("a\nb\nc\n", "a\nB\nc\n")).toEqual([{ start: 2, end: 2, newStart: 2, lines: ["B"] }]);
    expect(diffLines("a\nc\n", "a\nb\nc\n")).toEqual([{ start: 2, end: 1, newStart: 2, lines: ["b"] }]);
    expect(diffLines("a\nb\nc\n", "a\nc\n")).toEqual([{ start: 2, end: 2, newStart: 2, lines: [] }]);
  });

  it("keeps separate runs apart", () => {
    const changes = diffLines("1\n2\n3\n4\n5\n", "1\nX\n3\n4\nY\n");
    expect(replay("1\n2\n3\n4\n5\n", changes)).toEqual(["1", "X", "3", "4", "Y"]);
    expect(changes.map((change) => [change.start, change.end])).toEqual([
      [2, 2],
      [5, 5],
    ]);
  });

  it("counts a line that gains a line break as changed", () => {
    expect(diffLines("a: 1", "a: 1\nb: 2")).toEqual([{ start: 1, end: 1, newStart: 1, lines: ["a: 1", "b: 2"] }]);
  });

  it("strips CRLF from the reported lines", () => {
    expect(diffLines("a\r\nb\r\n", "a\r\nc\r\n")).toEqual([{ start: 2, end: 2, newStart: 2, lines: ["c"] }]);
  });

  it("describes any edit: replaying the changes gives the new text", () => {
    // lines with their line breaks, as files have them
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "", "  - x"), { maxLength: 30 })
      .map((lines) => lines.map((line) => `${line}\n`).join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(replay(before, diffLines(before, after))).toEqual(linesOf(after));
      }),
      { numRuns: 200 },
    );
  });
});
