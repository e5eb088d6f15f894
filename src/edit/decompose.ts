import type { Operation } from "fast-json-patch";
import { formatPointer } from "../manifests/pointer.js";
import { deepEqual, isJsonObject, type JsonValue } from "./json-value.js";

/** LCS tables above this many cells are skipped: items are then paired by position. */
const MAX_LCS_CELLS = 250_000;

/**
 * The smallest-touching patch from `before` to `after`, so that replacing a whole object or list only
 * edits the lines that differ: unchanged keys and items keep their comments and spelling.
 * Lists are aligned on equal items (longest common subsequence); the items left between two matches
 * are paired in order and diffed in turn, the surplus removed or added.
 */
export function diffValues(before: JsonValue, after: JsonValue, path: readonly string[]): Operation[] {
  if (deepEqual(before, after)) return [];
  if (isJsonObject(before) && isJsonObject(after)) return diffObjects(before, after, path);
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  return [{ op: "replace", path: formatPointer(path), value: after }];
}

function diffObjects(before: Record<string, JsonValue>, after: Record<string, JsonValue>, path: readonly string[]): Operation[] {
  const ops: Operation[] = [];
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) ops.push({ op: "remove", path: formatPointer([...path, key]) });
  }
  for (const key of Object.keys(before)) {
    if (Object.hasOwn(after, key)) ops.push(...diffValues(before[key] as JsonValue, after[key] as JsonValue, [...path, key]));
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) ops.push({ op: "add", path: formatPointer([...path, key]), value: after[key] as JsonValue });
  }
  return ops;
}

function diffArrays(before: JsonValue[], after: JsonValue[], path: readonly string[]): Operation[] {
  const ops: Operation[] = [];
  const matches = [...commonItems(before, after), [before.length, after.length] as const];
  let oldAt = 0;
  let newAt = 0;
  // index into the list as it stands after the operations emitted so far
  let cursor = 0;
  for (const [oldMatch, newMatch] of matches) {
    const oldGap = before.slice(oldAt, oldMatch);
    const newGap = after.slice(newAt, newMatch);
    const paired = Math.min(oldGap.length, newGap.length);
    for (let offset = 0; offset < paired; offset++) {
      ops.push(...diffValues(oldGap[offset] as JsonValue, newGap[offset] as JsonValue, [...path, String(cursor + offset)]));
    }
    for (let extra = paired; extra < oldGap.length; extra++) {
      ops.push({ op: "remove", path: formatPointer([...path, String(cursor + paired)]) });
    }
    for (let extra = paired; extra < newGap.length; extra++) {
      ops.push({ op: "add", path: formatPointer([...path, String(cursor + extra)]), value: newGap[extra] as JsonValue });
    }
    cursor += newGap.length + 1;
    oldAt = oldMatch + 1;
    newAt = newMatch + 1;
  }
  return ops;
}

/** Index pairs of a longest common subsequence of equal items, in order. */
function commonItems(before: JsonValue[], after: JsonValue[]): Array<readonly [number, number]> {
  const rows = before.length;
  const columns = after.length;
  if (rows === 0 || columns === 0 || rows * columns > MAX_LCS_CELLS) return [];
  const equal = (i: number, j: number) => deepEqual(before[i], after[j]);
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
