/** The RFC 6902 patch that turns the Git object into the live one, change by change. */

import type { Operation } from "fast-json-patch";
import { parsePointer } from "../manifests/pointer.js";
import type { DriftChange } from "./types.js";
import { noWriteReason } from "./write-policy.js";

/**
 * Replacements first, then additions (list items appended with `-`, so an addition never depends
 * on another's position), then removals from the highest list position down, so that no operation
 * moves the target of a later one. Secret values never go into a patch.
 */
export function patchFor(kind: string, changes: readonly DriftChange[]): Operation[] {
  const replaced: Operation[] = [];
  const added: Operation[] = [];
  const removed: Operation[] = [];
  for (const change of changes) {
    if (change.secret || noWriteReason(kind, change.path)?.startsWith("Secret")) continue;
    if (change.live === undefined) removed.push({ op: "remove", path: change.path });
    else if (change.git === undefined)
      added.push({ op: "add", path: change.appended ? appendPath(change.path) : change.path, value: change.live });
    else replaced.push({ op: "replace", path: change.path, value: change.live });
  }
  removed.sort((a, b) => comparePointersDescending(a.path, b.path));
  return [...replaced, ...added, ...removed];
}

/** `/spec/containers/2` becomes `/spec/containers/-`: an addition to a list goes at its end. */
function appendPath(pointer: string): string {
  return `${pointer.slice(0, pointer.lastIndexOf("/"))}/-`;
}

function comparePointersDescending(a: string, b: string): number {
  const left = parsePointer(a);
  const right = parsePointer(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(y) - Number(x) : y < x ? -1 : 1;
  }
  return right.length - left.length;
}
