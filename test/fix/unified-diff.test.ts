import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/fix/index.js";

const repo = mkdtempSync(path.join(tmpdir(), "plumbline-diff-"));
execFileSync("git", ["init", "-q", repo]);
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** What `git apply` makes of `before` with the diff: the judge of whether the diff is right. */
function gitApply(before: string, diff: string): string {
  const file = path.join(repo, "m.yaml");
  writeFileSync(file, before);
  writeFileSync(path.join(repo, "fix.diff"), diff);
  execFileSync("git", ["apply", "--check", "fix.diff"], { cwd: repo, stdio: "pipe" });
  execFileSync("git", ["apply", "fix.diff"], { cwd: repo, stdio: "pipe" });
  return readFileSync(file, "utf8");
}

const lines = (...text: string[]) => text.map((line) => `${line}\n`).join("");

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("m.yaml", "a: 1\n", "a: 1\n")).toBe("");
  });

  it("writes git's headers and hunks with three lines of context", () => {
    const before = lines("a", "b", "c", "d", "e", "f", "g", "h");
    const after = lines("a", "b", "c", "d", "E", "f", "g", "h");
    expect(unifiedDiff("m.yaml", before, after)).toBe(
      "--- a/m.yaml\n+++ b/m.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n",
    );
  });

  it("joins changes whose context meets into one hunk, and keeps far ones apart", () => {
    const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const near = base.map((line, i) => (i === 4 || i === 10 ? `${line}!` : line));
    const far = base.map((line, i) => (i === 4 || i === 20 ? `${line}!` : line));
    expect(unifiedDiff("m.yaml", lines(...base), lines(...near)).match(/^@@/gm)).toHaveLength(1);
    expect(unifiedDiff("m.yaml", lines(...base), lines(...far)).match(/^@@/gm)).toHaveLength(2);
    for (const after of [near, far])
      expect(gitApply(lines(...base), unifiedDiff("m.yaml", lines(...base), lines(...after)))).toBe(lines(...after));
  });

  it("marks a last line without a line break as git does", () => {
    const diff = unifiedDiff("m.yaml", "a: 1\nb: 2", "a: 1\nb: 2\nc: 3\n");
    expect(diff).toContain("-b: 2\n\\ No newline at end of file\n+b: 2\n+c: 3\n");
    expect(gitApply("a: 1\nb: 2", diff)).toBe("a: 1\nb: 2\nc: 3\n");
    expect(gitApply("a: 1\nb: 2\n", unifiedDiff("m.yaml", "a: 1\nb: 2\n", "a: 1\nb: 3"))).toBe("a: 1\nb: 3");
  });

  it("keeps a CRLF file's line ends in its lines", () => {
    const before = "a: 1\r\nb: 2\r\n";
    const after = "a: 1\r\nb: 2\r\nc: 3\r\n";
    expect(unifiedDiff("m.yaml", before, after)).toContain("+c: 3\r\n");
    expect(gitApply(before, unifiedDiff("m.yaml", before, after))).toBe(after);
  });

  it("handles insertions at the start and the end, and emptied or new files", () => {
    const cases: Array<[string, string]> = [
      [lines("b", "c"), lines("a", "b", "c")],
      [lines("a", "b"), lines("a", "b", "c")],
      [lines("a", "b"), ""],
      ["", lines("a")],
    ];
    for (const [before, after] of cases) expect(gitApply(before, unifiedDiff("m.yaml", before, after))).toBe(after);
  });

  it("is a diff git applies, for any two texts (property)", () => {
    const text = fc
      .array(fc.constantFrom("a: 1", "b: 2", "  - x", "# note", "", "c: 3"), { maxLength: 14 })
      .chain((items) => fc.boolean().map((ending) => items.join("\n") + (ending && items.length > 0 ? "\n" : "")));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff("m.yaml", before, after);
        if (before === after) expect(diff).toBe("");
        else expect(gitApply(before, diff)).toBe(after);
      }),
      { numRuns: 60 },
    );
  });
});
