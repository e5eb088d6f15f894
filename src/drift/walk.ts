/**
 * The field-by-field comparison of one Git object with its live counterpart. It walks what Git
 * declares; a field only the cluster has is looked at only when an imperative manager owns it
 * (an out-of-band addition), since everything else the cluster adds is defaults and controllers.
 */
import { isRecord } from "../manifests/resource.js";
import { isDefaultValue, removeDefaults } from "./defaults.js";
import { sameScalar } from "./equality.js";
import { itemIdentity, itemLabel, type ListMatch, listMatchFor } from "./list-keys.js";
import { type FieldNode, itemNode, listKeysOf, type ManagedEntry, restrictTo } from "./managed-fields.js";

export type RawChangeType = "changed" | "removed" | "added";

export interface RawChange {
  readonly type: RawChangeType;
  /** pointer segments into the Git object (for an addition: where it would go) */
  readonly gitPath: readonly (string | number)[];
  /** pointer segments into the live object (empty for a removal below a missing parent) */
  readonly livePath: readonly (string | number)[];
  readonly display: string;
  readonly git: unknown;
  readonly live: unknown;
  /** the managedFields entry that last set the live value, when one does */
  readonly owner?: ManagedEntry;
  /**
   * For a removal (the field is gone, and with it every entry that owned it): the entries that
   * own something in its parent. The removal's author is looked for among them.
   */
  readonly parentOwners?: readonly ManagedEntry[];
}

/** A manager's position in its field set while the walk descends. */
interface Cursor {
  readonly entry: ManagedEntry;
  readonly node?: FieldNode;
  /** an ancestor is owned as a leaf: an atomic map or list the manager set as a whole */
  readonly underLeaf: boolean;
}

export interface WalkOptions {
  readonly kind: string;
  readonly entries: readonly ManagedEntry[];
  /** whether fields only this manager set in the cluster are reported (imperative: drift; gitops: pending) */
  readonly reportsAdditions: (entry: ManagedEntry) => boolean;
}

interface State extends WalkOptions {
  readonly changes: RawChange[];
  readonly gitPath: (string | number)[];
  readonly livePath: (string | number)[];
  /** field names with `[]` for list items: what the defaults table and list keys are looked up by */
  readonly schema: string[];
  readonly display: string[];
  readonly additions: boolean;
  /** the cursors of each map or list being walked, innermost last */
  readonly parents: Cursor[][];
}

const FREEFORM_MAPS: ReadonlySet<string> = new Set(["labels", "annotations", "data", "stringData", "binaryData"]);
const FREEFORM_LISTS: ReadonlySet<string> = new Set(["args", "command"]);

export function walkObject(git: Record<string, unknown>, live: Record<string, unknown>, options: WalkOptions): RawChange[] {
  const state: State = {
    ...options,
    changes: [],
    gitPath: [],
    livePath: [],
    schema: [],
    display: [],
    additions: options.entries.some(options.reportsAdditions),
    parents: [],
  };
  const cursors = options.entries.map((entry): Cursor => ({ entry, node: entry.root, underLeaf: false }));
  compareMap(git, live, state, cursors);
  return state.changes;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

/** `emptyDir: {}` chooses a volume type: an empty map that must be there. */
const PRESENCE_MATTERS: ReadonlySet<string> = new Set(["emptyDir"]);

function compareValue(git: unknown, live: unknown, parent: Record<string, unknown>, state: State, cursors: Cursor[]): void {
  if (git === undefined || git === null) return;
  const field = state.schema[state.schema.length - 1] ?? "";
  const liveAbsent = live === undefined || live === null;
  if (isEmpty(git) && !isRecord(git)) {
    // an empty list or string declares nothing, as the API server's omitempty sees it
    if (!liveAbsent && state.additions) considerAddition(live, parent, state, cursors);
    return;
  }
  if (isEmpty(git) && liveAbsent) {
    if (PRESENCE_MATTERS.has(field)) record(state, "removed", git, undefined, []);
    return;
  }
  if (liveAbsent) {
    if (!isDefaultValue(state.kind, state.schema, git, parent)) record(state, "removed", git, undefined, []);
    return;
  }
  if (isRecord(git)) {
    if (isRecord(live)) compareMap(git, live, state, cursors);
    else record(state, "changed", git, live, cursors);
  } else if (Array.isArray(git)) {
    if (Array.isArray(live)) compareList(git, live, state, cursors);
    else record(state, "changed", git, live, cursors);
  } else if (isRecord(live) || Array.isArray(live) || !sameScalar(git, live, scalarContext(state))) {
    record(state, "changed", git, live, cursors);
  }
}

function scalarContext(state: State) {
  const { schema } = state;
  const field = schema[schema.length - 1];
  const parent = schema[schema.length - 2];
  const freeform =
    schema.some((name) => FREEFORM_LISTS.has(name)) ||
    (parent !== undefined && FREEFORM_MAPS.has(parent)) ||
    (parent === "[]" && schema[schema.length - 3] === "env" && field === "value");
  return { parent, field, freeform };
}

function compareMap(git: Record<string, unknown>, live: Record<string, unknown>, state: State, cursors: Cursor[]): void {
  state.parents.push(cursors);
  try {
    compareMapFields(git, live, state, cursors);
  } finally {
    state.parents.pop();
  }
}

function compareMapFields(git: Record<string, unknown>, live: Record<string, unknown>, state: State, cursors: Cursor[]): void {
  for (const key of Object.keys(git)) {
    enter(state, key, key, key, key);
    compareValue(git[key], live[key], git, state, fieldCursors(cursors, ownerKey(state, key)));
    leave(state);
  }
  if (!state.additions) return;
  for (const key of Object.keys(live)) {
    if (git[key] !== undefined && git[key] !== null) continue;
    enter(state, key, key, key, key);
    considerAddition(live[key], live, state, fieldCursors(cursors, ownerKey(state, key)));
    leave(state);
  }
}

/** A Secret's `stringData` is stored as `data`: its owners are found there. */
function ownerKey(state: State, key: string): string {
  return key === "stringData" && state.kind === "Secret" && state.schema.length === 1 ? "data" : key;
}

function compareList(git: unknown[], live: unknown[], state: State, cursors: Cursor[]): void {
  state.parents.push(cursors);
  try {
    compareListItems(git, live, state, cursors);
  } finally {
    state.parents.pop();
  }
}

function compareListItems(git: unknown[], live: unknown[], state: State, cursors: Cursor[]): void {
  const field = state.schema[state.schema.length - 1] ?? "";
  const learned = cursors.map((cursor) => (cursor.node ? listKeysOf(cursor.node) : undefined)).find(Boolean);
  const match: ListMatch = listMatchFor(field, git, live, learned);
  if (match.type === "atomic") {
    if (git.length !== live.length) {
      record(state, "changed", git, live, cursors);
      return;
    }
    git.forEach((item, index) => {
      enter(state, index, index, "[]", String(index));
      compareValue(item, live[index], {}, state, itemCursors(cursors, live[index], index));
      leave(state);
    });
    return;
  }
  const liveByIdentity = new Map<string, number>();
  live.forEach((item, index) => {
    liveByIdentity.set(match.type === "map" ? itemIdentity(item as Record<string, unknown>, match) : JSON.stringify(item), index);
  });
  const matched = new Set<number>();
  git.forEach((item, index) => {
    const identity = match.type === "map" ? itemIdentity(item as Record<string, unknown>, match) : JSON.stringify(item);
    const liveIndex = liveByIdentity.get(identity);
    const label = match.type === "map" ? itemLabel(item as Record<string, unknown>, match) : String(index);
    if (liveIndex === undefined) {
      enter(state, index, index, "[]", label);
      record(state, "removed", item, undefined, []);
      leave(state);
      return;
    }
    matched.add(liveIndex);
    enter(state, index, liveIndex, "[]", label);
    compareValue(item, live[liveIndex], {}, state, itemCursors(cursors, live[liveIndex], liveIndex));
    leave(state);
  });
  if (!state.additions) return;
  let appended = git.length;
  live.forEach((item, index) => {
    if (matched.has(index)) return;
    const label = match.type === "map" ? itemLabel(item as Record<string, unknown>, match) : String(index);
    enter(state, appended, index, "[]", label);
    if (considerAddition(item, {}, state, itemCursors(cursors, item, index))) appended++;
    leave(state);
  });
}

/**
 * A live field Git does not declare matters when an imperative manager set it (drift) or the GitOps
 * applier did (Git dropped it; the next sync will). The value kept is what that manager set,
 * without defaults: what would have to be added to Git.
 */
function considerAddition(live: unknown, parent: Record<string, unknown>, state: State, cursors: Cursor[]): boolean {
  if (isEmpty(live) || isDefaultValue(state.kind, state.schema, live, parent)) return false;
  const owners = cursors.filter((cursor) => cursor.node && state.reportsAdditions(cursor.entry));
  const owner = latest(owners);
  if (!owner?.node) return false;
  const value = removeDefaults(state.kind, restrictTo(live, owner.node), state.schema);
  if (isEmpty(value)) return false;
  record(state, "added", undefined, value, [owner]);
  return true;
}

function record(state: State, type: RawChangeType, git: unknown, live: unknown, cursors: Cursor[]): void {
  const owner = type === "removed" ? undefined : attribute(cursors);
  const parentOwners =
    type === "removed"
      ? (state.parents[state.parents.length - 1] ?? []).filter((c) => c.node || c.underLeaf).map((c) => c.entry)
      : [];
  state.changes.push({
    type,
    gitPath: [...state.gitPath],
    livePath: type === "removed" ? [] : [...state.livePath],
    display: state.display.join(""),
    git,
    live,
    ...(owner ? { owner } : {}),
    ...(parentOwners.length > 0 ? { parentOwners } : {}),
  });
}

/** The manager that set the field itself, else one that set something inside it, else the owner of an atomic parent. */
function attribute(cursors: Cursor[]): ManagedEntry | undefined {
  const exact = cursors.filter((c) => c.node?.owned);
  const inside = cursors.filter((c) => c.node && !c.node.owned);
  const parent = cursors.filter((c) => c.underLeaf);
  return (latest(exact) ?? latest(inside) ?? latest(parent))?.entry;
}

function latest(cursors: Cursor[]): Cursor | undefined {
  let best: Cursor | undefined;
  for (const cursor of cursors) if (!best || (cursor.entry.time ?? "") >= (best.entry.time ?? "")) best = cursor;
  return best;
}

function fieldCursors(cursors: Cursor[], key: string): Cursor[] {
  const next: Cursor[] = [];
  for (const cursor of cursors) {
    if (cursor.underLeaf) next.push(cursor);
    else if (cursor.node) {
      const child = cursor.node.fields?.get(key);
      if (child) next.push({ entry: cursor.entry, node: child, underLeaf: false });
      else if (isLeaf(cursor.node)) next.push({ entry: cursor.entry, underLeaf: true });
    }
  }
  return next;
}

function itemCursors(cursors: Cursor[], item: unknown, index: number): Cursor[] {
  const next: Cursor[] = [];
  for (const cursor of cursors) {
    if (cursor.underLeaf) next.push(cursor);
    else if (cursor.node) {
      const child = itemNode(cursor.node, item, index);
      if (child) next.push({ entry: cursor.entry, node: child, underLeaf: false });
      else if (isLeaf(cursor.node)) next.push({ entry: cursor.entry, underLeaf: true });
    }
  }
  return next;
}

function isLeaf(node: FieldNode): boolean {
  return node.owned && !node.fields && !node.keyed && !node.values && !node.indexes;
}

function enter(state: State, gitSegment: string | number, liveSegment: string | number, schema: string, label: string): void {
  state.gitPath.push(gitSegment);
  state.livePath.push(liveSegment);
  state.schema.push(schema);
  state.display.push(schema === "[]" ? `[${label}]` : state.display.length === 0 ? label : `.${label}`);
}

function leave(state: State): void {
  state.gitPath.pop();
  state.livePath.pop();
  state.schema.pop();
  state.display.pop();
}
