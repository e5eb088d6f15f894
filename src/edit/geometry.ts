import { isPair, isScalar, isSeq, type Node, type Pair } from "yaml";
import { EditError } from "./errors.js";
import { columnAt, lineContentEndAt, lineInfoAt, lineStartAt, nextLineStartAt, previousLine, startsLine } from "./text-lines.js";
import { type Collection, isBlockScalar, isCollection } from "./tree.js";

/**
 * Where the entries of a block collection sit in the text, by lines. An entry owns the comment lines
 * directly above it at its own column (they describe it), and its content lines; the last entry also
 * owns the comments after it that are indented deeper than it.
 */

export interface EntryPlace {
  /** offset of the key (mapping) or the dash (sequence) */
  readonly start: number;
  readonly column: number;
  /** offset just after the `:` or `-` */
  readonly indicatorEnd: number;
  /** false for the first entry of a compact item (`- name: x`), which shares the dash's line */
  readonly ownLine: boolean;
}

export interface Region {
  readonly start: number;
  readonly end: number;
}

export function entryPlace(text: string, parent: Collection, index: number): EntryPlace {
  if (isSeq(parent)) {
    const dash = dashOffsets(parent)[index];
    if (dash === undefined) throw new EditError("unsupported", "cannot find the `-` of a sequence item");
    return { start: dash, column: columnAt(text, dash), indicatorEnd: dash + 1, ownLine: startsLine(text, dash) };
  }
  const pair = parent.items[index] as Pair<unknown, unknown> | undefined;
  const key = pair?.key as Node | null | undefined;
  if (!key?.range) throw new EditError("unsupported", "a mapping entry without a key cannot be edited");
  const start = key.range[0];
  const colon = /^[ \t]*:/.exec(text.slice(key.range[1]));
  const explicit = /\?[ \t]*$/.test(text.slice(lineStartAt(text, start), start));
  if (!colon || explicit || lineStartAt(text, start) !== lineStartAt(text, key.range[1])) {
    throw new EditError("unsupported", "explicit (`? key`) or multi-line mapping keys are not edited");
  }
  return {
    start,
    column: columnAt(text, start),
    indicatorEnd: key.range[1] + colon[0].length,
    ownLine: startsLine(text, start),
  };
}

/** The `-` of each item, from the source tokens the parser kept. */
function dashOffsets(seq: Collection): number[] {
  const token = seq.srcToken;
  if (token?.type !== "block-seq") return [];
  const offsets = token.items.flatMap((item) => item.start.filter((t) => t.type === "seq-item-ind").map((t) => t.offset));
  return offsets.length === seq.items.length ? offsets : [];
}

/** An offset on the last line of a node's content (its own trailing comment lines excluded). */
export function lastContentOffset(node: unknown, floor: number): number {
  if (!node || typeof node !== "object" || !("range" in node) || !node.range) return floor;
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items.at(-1);
    if (isPair(last)) {
      const key = last.key as Node | null;
      return lastContentOffset(last.value, Math.max(floor, key?.range ? key.range[1] : floor));
    }
    return lastContentOffset(last, floor);
  }
  const [start, end] = (node as Node).range as [number, number, number];
  return Math.max(floor, end > start ? end - 1 : start);
}

/** The node whose text comes last in `node` (itself for scalars and flow collections). */
export function lastLeaf(node: unknown): Node | undefined {
  if (isPair(node)) return lastLeaf(node.value ?? node.key);
  if (!node || typeof node !== "object" || !("range" in node)) return undefined;
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items.at(-1);
    return lastLeaf(isPair(last) ? (last.value ?? last.key) : last);
  }
  return node as Node;
}

/** True for a `|+` / `>+` block scalar, whose trailing line breaks are part of its value. */
export function keepsTrailingBreaks(text: string, node: Node | undefined): boolean {
  return !!node?.range && isBlockScalar(node) && /^[|>][-+0-9]*/.exec(text.slice(node.range[0]))?.[0].includes("+") === true;
}

export function entryLastOffset(text: string, parent: Collection, index: number): number {
  const place = entryPlace(text, parent, index);
  const item = parent.items[index];
  return lastContentOffset(isPair(item) ? item.value : item, place.indicatorEnd - 1);
}

/** First line of the comment block directly above `offset`'s line at exactly `column`. */
export function leadingStart(text: string, offset: number, column: number, floor: number): number {
  let start = lineStartAt(text, offset);
  for (;;) {
    const previous = previousLine(text, start, floor);
    if (!previous?.comment || previous.indent !== column) return start;
    start = previous.start;
  }
}

/** End (a line start, or the end of the text) of the last entry: its content and deeper comments. */
export function trailingEnd(text: string, lastOffset: number, column: number): number {
  let end = nextLineStartAt(text, lastOffset);
  while (end < text.length) {
    const line = lineInfoAt(text, end);
    if (!line.comment || line.indent <= column) break;
    end = line.next;
  }
  return end;
}

/** The lines an entry of a block collection owns; `floor` bounds how far up comments are taken. */
export function entryRegion(text: string, parent: Collection, index: number, floor: number): Region {
  const place = entryPlace(text, parent, index);
  const above = index > 0 ? nextLineStartAt(text, entryLastOffset(text, parent, index - 1)) : floor;
  const start = place.ownLine ? leadingStart(text, place.start, place.column, Math.max(floor, above)) : place.start;
  if (index < parent.items.length - 1) {
    const next = entryPlace(text, parent, index + 1);
    const nextFloor = nextLineStartAt(text, entryLastOffset(text, parent, index));
    return { start, end: leadingStart(text, next.start, next.column, nextFloor) };
  }
  return { start, end: trailingEnd(text, entryLastOffset(text, parent, index), place.column) };
}

/** Where lines for a new last entry go. */
export function appendOffset(text: string, parent: Collection, floor: number): number {
  return entryRegion(text, parent, parent.items.length - 1, floor).end;
}

/** The end of the last line before `end` (a line start or the end of the text), without its line break. */
export function lastLineEnd(text: string, end: number): number {
  return lineContentEndAt(text, lineStartAt(text, Math.max(0, end - 1)));
}

/** The trailing comment (`# ...`) of a block scalar's header line, if it has one. */
export function blockScalarHeaderComment(text: string, node: Node): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const header = text.slice(node.range[0], lineContentEndAt(text, node.range[0]));
  return /^[|>][-+0-9]*[ \t]+(#.*)$/.exec(header)?.[1]?.trimEnd();
}
