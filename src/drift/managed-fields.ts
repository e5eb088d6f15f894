/**
 * `metadata.managedFields` read as ownership trees, so a changed field can be traced to the manager
 * that last set it. The fieldsV1 format: `f:name` a map field, `k:{"name":"web"}` a list item by
 * its keys, `v:"x"` a set item by value, `i:3` an item by position, `.` the node itself.
 */

import { isDeepStrictEqual } from "node:util";
import { isRecord } from "../manifests/resource.js";

export interface FieldNode {
  /** the manager owns this node itself: a leaf `{}`, or a `.` entry among children */
  readonly owned: boolean;
  readonly fields?: ReadonlyMap<string, FieldNode>;
  readonly keyed?: readonly { readonly key: Readonly<Record<string, unknown>>; readonly node: FieldNode }[];
  readonly values?: readonly { readonly value: unknown; readonly node: FieldNode }[];
  readonly indexes?: ReadonlyMap<number, FieldNode>;
}

export interface ManagedEntry {
  readonly manager: string;
  readonly operation?: string;
  readonly subresource?: string;
  readonly time?: string;
  readonly root: FieldNode;
}

/** The entries of an object's managedFields; malformed entries are skipped, never fatal. */
export function readManagedFields(object: Record<string, unknown>): ManagedEntry[] {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  const list = metadata?.managedFields;
  if (!Array.isArray(list)) return [];
  const entries: ManagedEntry[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== "object") continue;
    const entry = raw as Record<string, unknown>;
    if (typeof entry.manager !== "string" || !isRecord(entry.fieldsV1)) continue;
    entries.push({
      manager: entry.manager,
      ...(typeof entry.operation === "string" ? { operation: entry.operation } : {}),
      ...(typeof entry.subresource === "string" && entry.subresource !== "" ? { subresource: entry.subresource } : {}),
      ...(typeof entry.time === "string" ? { time: entry.time } : {}),
      root: parseFieldSet(entry.fieldsV1),
    });
  }
  return entries;
}

function parseFieldSet(raw: Record<string, unknown>): FieldNode {
  const keys = Object.keys(raw);
  if (keys.length === 0) return { owned: true };
  let owned = false;
  let fields: Map<string, FieldNode> | undefined;
  const keyed: { key: Record<string, unknown>; node: FieldNode }[] = [];
  const values: { value: unknown; node: FieldNode }[] = [];
  let indexes: Map<number, FieldNode> | undefined;
  for (const key of keys) {
    const child = raw[key];
    if (key === ".") {
      owned = true;
      continue;
    }
    const node = parseFieldSet(isRecord(child) ? child : {});
    const tag = key.slice(0, 2);
    const rest = key.slice(2);
    if (tag === "f:") {
      fields ??= new Map();
      fields.set(rest, node);
    } else if (tag === "k:") {
      const parsed = parseJson(rest);
      if (isRecord(parsed)) keyed.push({ key: parsed, node });
    } else if (tag === "v:") {
      const parsed = parseJson(rest);
      if (parsed !== undefined) values.push({ value: parsed, node });
    } else if (tag === "i:") {
      const index = Number(rest);
      if (Number.isInteger(index)) {
        indexes ??= new Map();
        indexes.set(index, node);
      }
    }
  }
  return {
    owned,
    ...(fields ? { fields } : {}),
    ...(keyed.length > 0 ? { keyed } : {}),
    ...(values.length > 0 ? { values } : {}),
    ...(indexes ? { indexes } : {}),
  };
}

/** The node for list item `item` at `index`, by key, by value or by position. */
export function itemNode(node: FieldNode, item: unknown, index: number): FieldNode | undefined {
  if (node.keyed && isRecord(item)) {
    for (const candidate of node.keyed) {
      if (Object.entries(candidate.key).every(([field, value]) => isDeepStrictEqual(item[field], value))) return candidate.node;
    }
  }
  if (node.values) {
    for (const candidate of node.values) if (isDeepStrictEqual(candidate.value, item)) return candidate.node;
  }
  return node.indexes?.get(index);
}

/** The key fields a manager used for a list: what the API server's schema declares as list-map keys. */
export function listKeysOf(node: FieldNode): string[] | undefined {
  const first = node.keyed?.[0];
  return first ? Object.keys(first.key) : undefined;
}

/** The part of `value` that a field set covers: what a manager actually set, without defaults. */
export function restrictTo(value: unknown, node: FieldNode): unknown {
  const hasChildren = node.fields || node.keyed || node.values || node.indexes;
  if (!hasChildren) return value;
  if (Array.isArray(value)) {
    const kept = value.flatMap((item, index) => {
      const child = itemNode(node, item, index);
      return child ? [restrictTo(item, child)] : [];
    });
    return kept;
  }
  if (isRecord(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, child] of node.fields ?? []) {
      if (key in value) kept[key] = restrictTo(value[key], child);
    }
    return kept;
  }
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
