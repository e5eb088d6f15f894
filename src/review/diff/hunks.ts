/**
 * Which lines of the new file a review comment may point at. GitHub accepts a comment (side RIGHT)
 * on any line a hunk shows — added or context — and a multi-line comment only within one hunk; a
 * single line outside every hunk makes it reject the whole review.
 */
export interface Hunk {
  /** first and last line of the new file the hunk shows, 1-based and inclusive */
  readonly start: number;
  readonly end: number;
  /** lines this change added (the ones worth a comment) */
  readonly added: readonly number[];
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses the `patch` of a `pulls.listFiles` entry (or one file's part of `git diff`). */
export function parseHunks(patch: string | undefined): Hunk[] {
  if (!patch) return [];
  const hunks: Hunk[] = [];
  let current: { start: number; end: number; added: number[] } | undefined;
  let line = 0;
  for (const text of patch.split("\n")) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      if (current) hunks.push(current);
      const start = Number(header[1]);
      const count = header[2] === undefined ? 1 : Number(header[2]);
      // a pure deletion (`+N,0`) shows no line of the new file
      current = count === 0 ? undefined : { start, end: start + count - 1, added: [] };
      line = start;
      continue;
    }
    if (!current) continue;
    if (text.startsWith("+")) {
      current.added.push(line);
      line += 1;
    } else if (text.startsWith(" ") || text === "") {
      line += 1;
    }
    // "-" lines are the old file's, "\ No newline at end of file" is a remark: neither moves the new file
  }
  if (current) hunks.push(current);
  return hunks;
}

/** The hunk that shows `line`, if any. */
export function hunkAt(hunks: readonly Hunk[], line: number): Hunk | undefined {
  return hunks.find((hunk) => hunk.start <= line && line <= hunk.end);
}

/** True when lines `first..last` can carry one multi-line comment: all in the same hunk. */
export function inOneHunk(hunks: readonly Hunk[], first: number, last: number): boolean {
  const hunk = hunkAt(hunks, first);
  return hunk !== undefined && last <= hunk.end;
}
