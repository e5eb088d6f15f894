/**
 * How one list became another, told item by item of the original: kept, removed, or changed in
 * place, plus the items inserted between them. Both the fix merge and the patch that writes the
 * merged object read lists this way, so an item one fix removes and an item another fix edits stay
 * told apart however the positions shift.
 */
import { isDeepStrictEqual } from "node:util";
import { commonItems } from "../edit/common-items.js";

export type ItemFate =
  | { readonly kind: "kept" }
  | { readonly kind: "removed" }
  /** the item is still there, with a new value: paired by position between two unchanged items */
  | { readonly kind: "changed"; readonly value: unknown };

export interface ListChanges {
  /** one fate per item of the original list */
  readonly fates: readonly ItemFate[];
  /** inserted[i]: new items before original item i; inserted[length]: at the end */
  readonly inserted: readonly (readonly unknown[])[];
}

export function alignLists(before: readonly unknown[], after: readonly unknown[]): ListChanges {
  const fates: ItemFate[] = [];
  const inserted: unknown[][] = Array.from({ length: before.length + 1 }, () => []);
  let oldAt = 0;
  let newAt = 0;
  for (const [oldMatch, newMatch] of [...commonItems(before, after, isDeepStrictEqual), [before.length, after.length] as const]) {
    // between two unchanged items: pair what is left in order, the surplus is removed or inserted
    const oldGap = oldMatch - oldAt;
    const newGap = newMatch - newAt;
    const paired = Math.min(oldGap, newGap);
    for (let offset = 0; offset < oldGap; offset++) {
      fates.push(offset < paired ? { kind: "changed", value: after[newAt + offset] } : { kind: "removed" });
    }
    (inserted[oldMatch] as unknown[]).push(...after.slice(newAt + paired, newMatch));
    if (oldMatch < before.length) fates.push({ kind: "kept" });
    oldAt = oldMatch + 1;
    newAt = newMatch + 1;
  }
  return { fates, inserted };
}
