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
  type Scalar,
} from "yaml";
import { parsePointer } from "./pointer.js";
import type { SourceLocation } from "./resource.js";

export type Locator = (pointer: string) => SourceLocation;

/**
 * Where each key and item of every collection of one document starts: a compact stand-in for the YAML
 * syntax tree. `nodes` holds, for each collection, [MAP or SEQ, n, then n entries of (key, offset,
 * child)]: `key` indexes `keys` (maps; -1 in sequences), `offset` is where the key or item starts, and
 * `child` is the index in `nodes` of the entry's own collection, or -1. A few numbers per field instead
 * of a map and an object per collection: less memory, and a worker thread posts it cheaply.
 */
export interface PositionTable {
  readonly nodes: Int32Array;
  readonly keys: readonly string[];
}

/** A place in a table: the offset of a key or item, and its collection's index in `nodes` (or -1). */
export interface Entry {
  readonly table: PositionTable;
  readonly offset: number;
  readonly node: number;
}

const MAP = 0;
const SEQ = 1;
const NONE = -1;

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
  const { table, nodeOf } = indexPositions(document);
  return (base) => locatorAt({ table, offset: base.range?.[0] ?? 0, node: nodeOf.get(base) ?? NONE }, lineCounter);
}

/**
 * A locator that holds only its entry and the line table. Made here, not inside `documentLocators`,
 * because a closure keeps its whole enclosing scope alive: there that is the index, keyed by the
 * syntax tree's nodes, so every locator kept its document's tree (most of a run's memory).
 */
export function locatorAt(root: Entry, lineCounter: LineCounter): Locator {
  const locate: Locator = (pointer) => {
    const { nodes, keys } = root.table;
    let offset = root.offset;
    let node = root.node;
    for (const segment of parsePointer(pointer)) {
      if (node === NONE) break;
      const count = nodes[node + 1] as number;
      let found = NONE;
      if (nodes[node] === MAP) {
        // with a duplicate key the last one is in effect, as in the parsed object
        for (let i = 0; i < count; i++) if (keys[nodes[node + 2 + i * 3] as number] === segment) found = node + 2 + i * 3;
      } else {
        const index = Number(segment);
        if (Number.isInteger(index) && index >= 0 && index < count) found = node + 2 + index * 3;
      }
      if (found === NONE) break;
      offset = nodes[found + 1] as number;
      node = nodes[found + 2] as number;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  entries?.set(locate, { root, lineCounter });
  return locate;
}

/** Each locator's data, kept only in a parsing thread (parse-worker.ts), which posts it; weak. */
let entries: WeakMap<Locator, LocatorData> | undefined;

export interface LocatorData {
  readonly root: Entry;
  readonly lineCounter: LineCounter;
}

/** From now on, `locatorData` can tell what each new locator serves. */
export function keepLocatorData(): void {
  entries ??= new WeakMap();
}

/** The positions and line table behind a locator `locatorAt` made after `keepLocatorData`. */
export function locatorData(locate: Locator): LocatorData | undefined {
  return entries?.get(locate);
}

/** The positions under every collection of the document, and where each collection's are in them. */
function indexPositions(document: Document): { table: PositionTable; nodeOf: Map<Node, number> } {
  // an anchored node reached through several aliases is indexed once and shared, so an alias bomb
  // costs no more here than the document's own size; anchors are taken in document order as the walk
  // meets them (asking the alias to resolve itself would scan the whole document once per alias)
  const anchors = anchorsBefore(document.contents);
  const nodes: number[] = [];
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  const keyId = (key: string) => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keys.length;
      keys.push(key);
      keyIds.set(key, id);
    }
    return id;
  };
  const seen = new Map<Node, number>();
  const resolve = (node: unknown): Node | undefined =>
    node && isAlias(node) ? anchors.get(node) : ((node as Node | null) ?? undefined);
  const visit = (raw: unknown): number => {
    const node = resolve(raw);
    if (!node) return NONE;
    const known = seen.get(node);
    if (known !== undefined) return known;
    seen.set(node, NONE); // a cycle through aliases ends here
    let at = NONE;
    if (isMap(node)) {
      const pairs = node.items.filter((pair): pair is Pair<Scalar> => isScalar(pair.key));
      at = nodes.length;
      nodes.push(MAP, pairs.length);
      for (const pair of pairs) nodes.push(keyId(String(pair.key.value)), pair.key.range?.[0] ?? 0, NONE);
      pairs.forEach((pair, i) => {
        nodes[at + 4 + i * 3] = visit(pair.value);
      });
    } else if (isSeq(node)) {
      at = nodes.length;
      nodes.push(SEQ, node.items.length);
      for (const item of node.items) nodes.push(NONE, resolve(item)?.range?.[0] ?? 0, NONE);
      node.items.forEach((item, i) => {
        nodes[at + 4 + i * 3] = visit(item);
      });
    }
    seen.set(node, at);
    return at;
  };
  visit(document.contents);
  return { table: { nodes: Int32Array.from(nodes), keys }, nodeOf: seen };
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
