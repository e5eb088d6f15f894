import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { parsePointer } from "./pointer.js";
import type { SourceLocation } from "./resource.js";

export type Locator = (pointer: string) => SourceLocation;

/**
 * Maps JSON pointers under `base` to 1-based positions: the key for a map entry, the item for a list
 * entry, or the deepest node that exists when the pointer goes further than the document does.
 */
export function createLocator(document: Document, base: Node, lineCounter: LineCounter): Locator {
  const resolve = (node: unknown): Node | undefined =>
    node && isAlias(node) ? (node.resolve(document) as Node | undefined) : ((node as Node | null) ?? undefined);
  return (pointer) => {
    let node: Node | undefined = resolve(base);
    let offset = base.range?.[0] ?? 0;
    for (const segment of parsePointer(pointer)) {
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = resolve(pair.value);
      } else if (node && isSeq(node)) {
        const item = resolve(node.items[Number(segment)]);
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}
