import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, visit, type YAMLMap, type YAMLSeq } from "yaml";
import { formatPointer } from "../manifests/pointer.js";
import { EditError } from "./errors.js";

/** Finding the YAML nodes a JSON pointer names, in the parsed document being edited. */

export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

export interface Slot {
  /** the collection holding the value; undefined for the document (or List item) root */
  readonly parent?: Collection;
  /** position of the entry in `parent.items` */
  readonly index: number;
  /** the value node; null for a flow mapping entry written without a value (`{a}`) */
  readonly node: Node | null;
}

export function isCollection(node: unknown): node is Collection {
  return isMap(node) || isSeq(node);
}

export function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED");
}

/**
 * The JSON key a mapping entry has once read, the way the yaml library's toJS spells it; undefined for
 * merge keys (`<<`) and keys that are collections, which a pointer cannot name exactly.
 */
export function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (key === null || key === undefined) return "";
  if (!isScalar(key)) return undefined;
  const value = key.value;
  if (value === null) return "";
  if (typeof value === "symbol" || value === undefined || typeof value === "object") return undefined;
  return String(value);
}

export function findPairIndex(map: YAMLMap<unknown, unknown>, key: string): number {
  return map.items.findIndex((pair) => keyOf(pair) === key);
}

function hasMergeKey(map: YAMLMap<unknown, unknown>): boolean {
  return map.items.some((pair) => isScalar(pair.key) && pair.key.source === "<<");
}

/** The node at `segments` under `root`, with the collection entry that holds it. */
export function resolveSlot(root: Node, segments: readonly string[]): Slot {
  let slot: Slot = { index: 0, node: root };
  segments.forEach((segment, depth) => {
    const node = slot.node;
    const where = formatPointer(segments.slice(0, depth));
    if (isAlias(node)) {
      throw new EditError(
        "unsupported",
        `${where || "the document"} is an alias (*${node.source}); editing through it would also change the anchor`,
        { path: formatPointer(segments) },
      );
    }
    if (isMap(node)) {
      const index = findPairIndex(node, segment);
      if (index === -1) {
        const reason = hasMergeKey(node) ? "comes from a merge key (<<)" : "is not written in the document";
        throw new EditError("unsupported", `${formatPointer(segments.slice(0, depth + 1))} ${reason}`, {
          path: formatPointer(segments),
        });
      }
      slot = { parent: node, index, node: (node.items[index]?.value as Node | null | undefined) ?? null };
      return;
    }
    if (isSeq(node)) {
      const index = Number(segment);
      const item = node.items[index] as Node | null | undefined;
      if (!Number.isInteger(index) || item === undefined) {
        throw new EditError("invalid-patch", `${formatPointer(segments.slice(0, depth + 1))} does not exist`, {
          path: formatPointer(segments),
        });
      }
      slot = { parent: node, index, node: item };
      return;
    }
    throw new EditError("invalid-patch", `${where || "the document"} is not a mapping or sequence`, {
      path: formatPointer(segments),
    });
  });
  return slot;
}

/** The collection at `segments`, which an `add` puts a new entry into. */
export function resolveCollection(root: Node, segments: readonly string[]): { slot: Slot; collection: Collection } {
  const slot = resolveSlot(root, segments);
  if (isAlias(slot.node)) {
    throw new EditError(
      "unsupported",
      `${formatPointer(segments) || "the document"} is an alias; adding to it would change the anchor`,
    );
  }
  if (!isCollection(slot.node)) {
    throw new EditError("invalid-patch", `${formatPointer(segments) || "the document"} is not a mapping or sequence`);
  }
  return { slot, collection: slot.node };
}

/** Anchor names that an alias somewhere in the document repeats. */
export function aliasedAnchors(root: Node): Set<string> {
  const names = new Set<string>();
  visit(root, {
    Alias(_, alias) {
      names.add(alias.source);
    },
  });
  return names;
}

/**
 * Refuses an edit at `segments` when it would land inside an anchored node that an alias repeats:
 * the text is shared, so the edit would also change every place the alias stands for.
 */
export function assertNotShared(root: Node, segments: readonly string[], aliased: ReadonlySet<string>): void {
  if (aliased.size === 0) return;
  let node: unknown = root;
  for (let depth = 0; ; depth++) {
    const anchor = (node as Node | null)?.anchor;
    if (anchor && aliased.has(anchor)) {
      throw new EditError(
        "unsupported",
        `${formatPointer(segments.slice(0, depth)) || "the document"} is anchored as &${anchor} and repeated by *${anchor}; editing it would change both`,
        { path: formatPointer(segments) },
      );
    }
    const segment = segments[depth];
    if (segment === undefined) return;
    if (isMap(node)) {
      node = node.items[findPairIndex(node, segment)]?.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return;
    }
  }
}
