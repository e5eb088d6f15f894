/**
 * Three-way merge of fixes. Every fix is a JSON Patch computed against the object as written, so two
 * fixes on one object cannot simply run one after the other: both may `add` a `securityContext` the
 * container lacks (the second would replace the first), or remove items of one list by positions the
 * first has shifted. Instead each fix is run on the original, and what it changed is merged into what
 * the fixes before it changed: objects key by key (an object one fix added and an object another added
 * merge into one), lists item by item, aligned on unchanged items. Two different values for one field
 * are a conflict, reported at that field's pointer.
 */
import { isDeepStrictEqual } from "node:util";
import { formatPointer } from "../manifests/pointer.js";
import { isRecord } from "../manifests/resource.js";
import { alignLists, type ItemFate } from "./list-alignment.js";

export type MergeResult = { readonly value: unknown } | { readonly conflict: string };

class Conflict extends Error {
  constructor(readonly path: readonly string[]) {
    super("conflict");
  }
}

/**
 * What `base` becomes with both the changes that made `ours` and those that made `theirs`; undefined
 * stands for an absent member. Where both changed the same field differently, the conflict's pointer.
 */
export function mergeChanges(base: unknown, ours: unknown, theirs: unknown): MergeResult {
  try {
    return { value: merge(base, ours, theirs, []) };
  } catch (error) {
    if (error instanceof Conflict) return { conflict: formatPointer(error.path) };
    throw error;
  }
}

function merge(base: unknown, ours: unknown, theirs: unknown, path: readonly string[]): unknown {
  if (isDeepStrictEqual(theirs, base)) return ours;
  if (isDeepStrictEqual(ours, base)) return theirs;
  if (isDeepStrictEqual(ours, theirs)) return ours;
  if (isRecord(ours) && isRecord(theirs)) {
    // both made an object where there was none (or something else): they merge as if into an empty one
    return mergeObjects(isRecord(base) ? base : {}, ours, theirs, path);
  }
  if (Array.isArray(ours) && Array.isArray(theirs)) return mergeLists(Array.isArray(base) ? base : [], ours, theirs, path);
  throw new Conflict(path);
}

function mergeObjects(
  base: Record<string, unknown>,
  ours: Record<string, unknown>,
  theirs: Record<string, unknown>,
  path: readonly string[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  // our key order first: it is the order of the text as already edited
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)]);
  for (const key of keys) {
    const value = merge(member(base, key), member(ours, key), member(theirs, key), [...path, key]);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

function mergeLists(base: readonly unknown[], ours: readonly unknown[], theirs: readonly unknown[], path: readonly string[]) {
  const mine = alignLists(base, ours);
  const other = alignLists(base, theirs);
  const merged: unknown[] = [];
  for (let index = 0; index <= base.length; index++) {
    merged.push(...mergeInsertions(mine.inserted[index] ?? [], other.inserted[index] ?? []));
    if (index === base.length) break;
    const itemPath = [...path, String(index)];
    const fate = mergeFates(base[index], mine.fates[index] as ItemFate, other.fates[index] as ItemFate, itemPath);
    if (fate.kind === "kept") merged.push(base[index]);
    else if (fate.kind === "changed") merged.push(fate.value);
  }
  return merged;
}

function mergeFates(item: unknown, ours: ItemFate, theirs: ItemFate, path: readonly string[]): ItemFate {
  if (theirs.kind === "kept") return ours;
  if (ours.kind === "kept") return theirs;
  if (ours.kind === "removed" && theirs.kind === "removed") return ours;
  if (ours.kind === "changed" && theirs.kind === "changed") {
    return { kind: "changed", value: merge(item, ours.value, theirs.value, path) };
  }
  // one fix removes the item the other changes
  throw new Conflict(path);
}

/** Items both fixes insert at one place: ours, then those of theirs that ours does not already hold. */
function mergeInsertions(ours: readonly unknown[], theirs: readonly unknown[]): unknown[] {
  return [...ours, ...theirs.filter((item) => !ours.some((mine) => isDeepStrictEqual(mine, item)))];
}

function member(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
