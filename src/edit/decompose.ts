import type { Operation } from "fast-json-patch";
import { formatPointer } from "../manifests/pointer.js";
import { commonItems } from "./common-items.js";
import { deepEqual, isJsonObject, type JsonValue } from "./json-value.js";

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
  const matches = [...commonItems(before, after, deepEqual), [before.length, after.length] as const];
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
