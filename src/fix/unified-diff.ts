/**
 * A unified diff of one file, as `git diff` writes it: `--- a/…` and `+++ b/…` headers and hunks with
 * three lines of context, so `git apply` or `patch -p1` can take it. Lines keep their own endings (a
 * CRLF file's diff has CRLF lines), and a last line without one is marked as git marks it.
 */
import { diffLines, type LineChange } from "../edit/line-diff.js";
import { splitLinesKeepingEnds } from "../edit/text-lines.js";

const CONTEXT = 3;
const NO_NEWLINE = "\\ No newline at end of file\n";

/** Empty when the texts are equal. `name` is the path both headers show, relative and with `/`. */
export function unifiedDiff(name: string, before: string, after: string): string {
  const changes = diffLines(before, after);
  if (changes.length === 0) return "";
  const oldLines = splitLinesKeepingEnds(before);
  const newLines = splitLinesKeepingEnds(after);
  let out = `--- a/${name}\n+++ b/${name}\n`;
  for (const hunk of hunksOf(changes, oldLines.length)) {
    // a change's old run is [start, end], its new run starts at newStart; the offset between old and
    // new positions stays constant outside changes, so context lines map across by it
    const first = hunk[0] as LineChange;
    const last = hunk.at(-1) as LineChange;
    const oldFrom = Math.max(1, first.start - CONTEXT);
    const oldTo = Math.min(oldLines.length, Math.max(last.end, last.start - 1) + CONTEXT);
    const newFrom = oldFrom + (first.newStart - first.start);
    const lastNewEnd = last.newStart + last.lines.length - 1;
    const newTo = oldTo - Math.max(last.end, last.start - 1) + lastNewEnd;
    const body: string[] = [];
    let oldAt = oldFrom;
    for (const change of hunk) {
      for (; oldAt < change.start; oldAt++) body.push(line(" ", oldLines[oldAt - 1] as string));
      for (let at = change.start; at <= change.end; at++) body.push(line("-", oldLines[at - 1] as string));
      for (let at = change.newStart; at < change.newStart + change.lines.length; at++) {
        body.push(line("+", newLines[at - 1] as string));
      }
      oldAt = change.end + 1;
    }
    for (; oldAt <= oldTo; oldAt++) body.push(line(" ", oldLines[oldAt - 1] as string));
    out += `@@ -${range(oldFrom, oldTo)} +${range(newFrom, newTo)} @@\n${body.join("")}`;
  }
  return out;
}

/** Changes whose context would touch or overlap go into one hunk. */
function hunksOf(changes: readonly LineChange[], oldLength: number): LineChange[][] {
  const hunks: LineChange[][] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const change of changes) {
    const current = hunks.at(-1);
    if (current && change.start - previousEnd - 1 <= 2 * CONTEXT) current.push(change);
    else hunks.push([change]);
    previousEnd = Math.min(oldLength, Math.max(change.end, change.start - 1));
  }
  return hunks;
}

/** `start,count` as unified diffs write it: an empty range names the line before it. */
function range(from: number, to: number): string {
  const count = to - from + 1;
  if (count === 0) return `${from - 1},0`;
  return count === 1 ? `${from}` : `${from},${count}`;
}

function line(prefix: string, text: string): string {
  return text.endsWith("\n") ? `${prefix}${text}` : `${prefix}${text}\n${NO_NEWLINE}`;
}
