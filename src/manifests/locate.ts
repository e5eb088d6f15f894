import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
} from "yaml";
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
  return documentLocators(document, lineCounter)(base);
}

/**
 * Locators for any node of one document (the document, or each item of a `kind: List`), all
 * served by one index of the document, built in one walk.
 */
export function documentLocators(document: Document, lineCounter: LineCounter): (base: Node) => Locator {
  const index = indexPositions(document);
  return (base) => locatorAt({ offset: base.range?.[0] ?? 0, positions: index.get(base) }, lineCounter);
}

/**
 * A locator that holds only its entry and the line table. Made here, not inside `documentLocators`,
 * because a closure keeps its whole enclosing scope alive: there that is the index, keyed by the
 * syntax tree's nodes, so every locator kept its document's tree (most of a run's memory).
 */
function locatorAt(root: Entry, lineCounter: LineCounter): Locator {
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

/** The positions under every collection of the document, by node. */
function indexPositions(document: Document): Map<Node, Positions | undefined> {
  // an anchored node reached through several aliases is indexed once and shared, so an alias bomb
  // costs no more here than the document's own size; anchors are taken in document order as the walk
  // meets them (asking the alias to resolve itself would scan the whole document once per alias)
  const anchors = anchorsBefore(document.contents);
  const seen = new Map<Node, Positions | undefined>();
  const resolve = (node: unknown): Node | undefined =>
    node && isAlias(node) ? anchors.get(node) : ((node as Node | null) ?? undefined);
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
  visit(document.contents);
  return seen;
}

/** Each alias with the node its anchor names: the last node with that anchor before it, in document order. */
function anchorsBefore(root: unknown): Map<Alias, Node> {
  const named = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = named.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (!isNode(node)) continue;
    if (node.anchor) named.set(node.anchor, node);
    // pushed in reverse so they are popped, and so met, in document order
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i] as Pair;
        stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        stack.push(isPair(item) ? item.value : item);
        if (isPair(item)) stack.push(item.key);
      }
    }
  }
  return targets;
}
