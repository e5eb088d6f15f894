/** Past this many comparisons two lists are not aligned item by item: they are treated as unrelated. */
const MAX_CELLS = 250_000;

/**
 * Index pairs of a longest common subsequence of equal items, in order: which items of `before`
 * survive into `after`. Lists too long to align (over MAX_CELLS comparisons) share nothing.
 */
export function commonItems<T>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
): Array<readonly [number, number]> {
  const rows = before.length;
  const columns = after.length;
  if (rows === 0 || columns === 0 || rows * columns > MAX_CELLS) return [];
  const equal = (i: number, j: number) => same(before[i] as T, after[j] as T);
  // lengths[i][j]: LCS length of before[i..] and after[j..]
  const lengths = Array.from({ length: rows + 1 }, () => new Uint32Array(columns + 1));
  for (let i = rows - 1; i >= 0; i--) {
    const row = lengths[i] as Uint32Array;
    const below = lengths[i + 1] as Uint32Array;
    for (let j = columns - 1; j >= 0; j--) {
      row[j] = equal(i, j) ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < rows && j < columns) {
    if (equal(i, j)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (((lengths[i + 1] as Uint32Array)[j] as number) >= ((lengths[i] as Uint32Array)[j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}
