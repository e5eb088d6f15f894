import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { parsePointer } from "./pointer.js";
import type { SourceLocation } from "./resource.js";

export type Locator = (pointer: string) => SourceLocation;

/** Where each key and item of a collection starts; a compact stand-in for the YAML syntax tree. */
interface Positions {
  readonly keys?: Map<string, Entry>;
  readonly items?: Entry[];
}

interface Entry {
  /** offset of the map key, or of the list item */
  readonly offset: number;
  readonly positions: Positions | undefined;
}

/**
 * Maps JSON pointers under `base` to 1-based positions: the key for a map entry, the item for a list
 * entry, or the deepest node that exists when the pointer goes further than the document does.
 *
 * The positions are copied out of the syntax tree up front, so the tree (many times the size of the
 * text) can be collected: a run over thousands of documents keeps only offsets.
 */
export function createLocator(document: Document, base: Node, lineCounter: LineCounter): Locator {
  const root: Entry = { offset: base.range?.[0] ?? 0, positions: indexPositions(document, base) };
  return (pointer) => {
    let entry = root;
    for (const segment of parsePointer(pointer)) {
      const next = entry.positions?.keys?.get(segment) ?? entry.positions?.items?.[Number(segment)];
      if (!next) break;
      entry = next;
    }
    const { line, col } = lineCounter.linePos(entry.offset);
    return { line, column: col };
  };
}

function indexPositions(document: Document, base: Node): Positions | undefined {
  // an anchored node reached through several aliases is indexed once and shared, so an alias bomb
  // costs no more here than the document's own size
  const seen = new Map<Node, Positions | undefined>();
  const resolve = (node: unknown): Node | undefined =>
    node && isAlias(node) ? (node.resolve(document) as Node | undefined) : ((node as Node | null) ?? undefined);
  const visit = (raw: unknown): Positions | undefined => {
    const node = resolve(raw);
    if (!node) return undefined;
    if (seen.has(node)) return seen.get(node);
    seen.set(node, undefined); // a cycle through aliases ends here
    let positions: Positions | undefined;
    if (isMap(node)) {
      const keys = new Map<string, Entry>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        // with a duplicate key the last one is in effect, as in the parsed object
        keys.set(String(pair.key.value), { offset: pair.key.range?.[0] ?? 0, positions: visit(pair.value) });
      }
      positions = { keys };
    } else if (isSeq(node)) {
      positions = { items: node.items.map((item) => ({ offset: resolve(item)?.range?.[0] ?? 0, positions: visit(item) })) };
    }
    seen.set(node, positions);
    return positions;
  };
  return visit(base);
}
