/**
 * The JSON Patch from an object to its fixed version that touches as little as possible: one
 * operation per field that differs, lists edited item by item. The edit engine turns each operation
 * into a splice of the YAML text, so the fewer and narrower the operations, the more of the file stays
 * exactly as written.
 */
import { isDeepStrictEqual } from "node:util";
import type { Operation } from "fast-json-patch";
import { formatPointer } from "../manifests/pointer.js";
import { isRecord } from "../manifests/resource.js";
import { alignLists } from "./list-alignment.js";

export function minimalPatch(before: unknown, after: unknown): Operation[] {
  return diff(before, after, []);
}

function diff(before: unknown, after: unknown, path: readonly string[]): Operation[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isRecord(before) && isRecord(after)) return diffObjects(before, after, path);
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  return [{ op: "replace", path: formatPointer(path), value: after }];
}

function diffObjects(before: Record<string, unknown>, after: Record<string, unknown>, path: readonly string[]): Operation[] {
  const ops: Operation[] = [];
  // additions first: a mapping whose every key is renamed is never left empty (`{}`) in between
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) ops.push({ op: "add", path: formatPointer([...path, key]), value: after[key] });
  }
  for (const key of Object.keys(before)) {
    if (Object.hasOwn(after, key)) ops.push(...diff(before[key], after[key], [...path, key]));
  }
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) ops.push({ op: "remove", path: formatPointer([...path, key]) });
  }
  return ops;
}

function diffLists(before: readonly unknown[], after: readonly unknown[], path: readonly string[]): Operation[] {
  const { fates, inserted } = alignLists(before, after);
  const ops: Operation[] = [];
  // the position in the list as the operations so far have left it
  let cursor = 0;
  for (let index = 0; index <= before.length; index++) {
    for (const value of inserted[index] ?? []) {
      ops.push({ op: "add", path: formatPointer([...path, String(cursor)]), value });
      cursor++;
    }
    const fate = fates[index];
    if (!fate) break;
    if (fate.kind === "removed") {
      ops.push({ op: "remove", path: formatPointer([...path, String(cursor)]) });
      continue;
    }
    if (fate.kind === "changed") ops.push(...diff(before[index], fate.value, [...path, String(cursor)]));
    cursor++;
  }
  return ops;
}
