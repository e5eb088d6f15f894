import { splitLinesKeepingEnds, withoutLineEnd } from "./text-lines.js";

/** One run of changed lines: original lines [start, end] became `lines`. */
export interface LineChange {
  /** first original line (1-based) */
  readonly start: number;
  /** last original line, inclusive; `start - 1` when lines were only inserted before `start` */
  readonly end: number;
  /** line number in the new text where `lines` begin */
  readonly newStart: number;
  /** the new lines, without line breaks */
  readonly lines: readonly string[];
}

/** Beyond this many differing lines the middle is reported as one change instead of searched. */
const MAX_EDIT_DISTANCE = 2000;

/**
 * The changed line runs between two texts (Myers' shortest edit script). Lines are compared with
 * their line breaks, so adding one to the last line counts as changing it.
 */
export function diffLines(before: string, after: string): LineChange[] {
  const a = splitLinesKeepingEnds(before);
  const b = splitLinesKeepingEnds(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix])
    suffix++;
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  if (middleA.length === 0 && middleB.length === 0) return [];
  const matches = shortestEditMatches(middleA, middleB) ?? [];
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  for (const [matchA, matchB] of [...matches, [middleA.length, middleB.length] as const]) {
    if (matchA > i || matchB > j) {
      changes.push({
        start: prefix + i + 1,
        end: prefix + matchA,
        newStart: prefix + j + 1,
        lines: middleB.slice(j, matchB).map(withoutLineEnd),
      });
    }
    i = matchA + 1;
    j = matchB + 1;
  }
  return changes;
}

/** Pairs of equal lines on a shortest edit path, ascending; undefined when too far apart to search. */
function shortestEditMatches(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it stood before round d
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number): Array<readonly [number, number]> {
  const matches: Array<readonly [number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const at = (k: number): number => (k < -d || k > d ? -1 : (v[k + d] as number));
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      matches.push([x - 1, y - 1]);
      x--;
      y--;
    }
    x = previousX;
    y = previousY;
  }
  return matches.reverse();
}
