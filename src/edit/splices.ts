import { isPair, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import { EditError } from "./errors.js";
import {
  appendOffset,
  blockScalarHeaderComment,
  entryLastOffset,
  entryPlace,
  entryRegion,
  keepsTrailingBreaks,
  lastContentOffset,
  lastLeaf,
  lastLineEnd,
  trailingEnd,
} from "./geometry.js";
import { isCollectionValue, isEmptyCollection, type JsonValue } from "./json-value.js";
import { renderKey, renderLiteral, type ScalarStyle } from "./render-scalar.js";
import {
  type BlockStyle,
  blockLines,
  isMultilineString,
  renderEntryLines,
  renderFlow,
  renderInline,
  renderItemLines,
} from "./render-value.js";
import { columnAt, lineContentEndAt, lineInfoAt, lineStartAt, previousLine, startsLine } from "./text-lines.js";
import { type Collection, isBlockScalar, isCollection, type Slot } from "./tree.js";

/** One text change: replace [start, end) of the document's text with `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The parsed state of the document being edited, which every splice is computed against. */
export interface EditView {
  readonly text: string;
  readonly root: Node;
  /** edits and comment ownership never reach before this offset (the document's first line prefix) */
  readonly floor: number;
  readonly style: BlockStyle;
  readonly eol: string;
  /** anchors some alias repeats: nodes under them are shared text */
  readonly aliased: ReadonlySet<string>;
}

type OldShape = "empty" | "inline" | "block-scalar" | "block-collection";

function oldShape(node: Node): OldShape {
  if (isScalar(node) && node.range && node.range[0] === node.range[1]) return "empty";
  if (isBlockScalar(node)) return "block-scalar";
  if (isCollection(node) && !node.flow) return "block-collection";
  return "inline";
}

function previousStyle(node: Node | null): ScalarStyle | undefined {
  return isScalar(node) ? (node.type as ScalarStyle | undefined) : undefined;
}

/** Replaces the value in `slot`, keeping the key, the entry's line comment and everything around it. */
export function replaceSplice(view: EditView, slot: Slot, value: JsonValue): Splice {
  const node = slot.node;
  if (slot.parent?.flow || !node?.range) return replaceInFlow(slot, value);
  const { text, eol } = view;
  const shape = oldShape(node);
  const previous = previousStyle(node);
  const place = slot.parent ? entryPlace(text, slot.parent, slot.index) : undefined;
  const column = place ? place.column : columnAt(text, node.range[0]);
  const isItem = slot.parent !== undefined && isSeq(slot.parent);
  const childIndent = column + (isItem ? view.style.itemOffset : view.style.step);

  const start = place ? place.indicatorEnd : node.range[0];
  const lastOffset = lastContentOffset(node, place ? place.indicatorEnd - 1 : node.range[0]);
  const end =
    shape === "block-collection" ? lastLineEnd(text, trailingEnd(text, lastOffset, column)) : lineContentEndAt(text, lastOffset);
  const style = endsText(text, end) ? { ...view.style, literals: false } : view.style;

  // a flow collection keeps its style; so does a document written on its `---` line, where no block can start
  const keepFlow = (isCollection(node) && node.flow && node.items.length > 0) || (!place && !startsLine(text, node.range[0]));
  const literal =
    isMultilineString(value) && previous !== "QUOTE_DOUBLE" && place && style.literals !== false
      ? renderLiteral(value, childIndent)
      : undefined;
  const block = isCollectionValue(value) && !isEmptyCollection(value) && !keepFlow;
  const inlineText =
    literal || block ? "" : keepFlow && isCollectionValue(value) ? renderFlow(value) : renderInline(value, previous);

  if (!literal && !block && shape === "inline") return { start: node.range[0], end: node.range[1], text: inlineText };
  if (!literal && !block && shape === "empty" && place) {
    return { start: place.indicatorEnd, end: place.indicatorEnd, text: ` ${inlineText}` };
  }

  const comment = lineComment(text, node, shape, place?.indicatorEnd);
  const withComment = comment ? ` ${comment}` : "";
  const lead = place ? " " : "";

  if (literal) return { start, end, text: `${lead}${literal.header}${withComment}${eol}${literal.lines.join(eol)}` };
  if (!block) return { start, end, text: `${lead}${inlineText}${withComment}` };

  if (!place) {
    const lines = blockLines(value, column, style);
    return { start, end, text: [(lines[0] ?? "").trimStart(), ...lines.slice(1)].join(eol) };
  }
  if (!isItem) {
    const lines = blockLines(value, column + (Array.isArray(value) ? style.seqIndent : style.step), style);
    return { start, end, text: `${withComment}${eol}${lines.join(eol)}` };
  }
  const lines = blockLines(value, childIndent, style);
  if (comment) return { start, end, text: `${withComment}${eol}${lines.join(eol)}` };
  const first = `${" ".repeat(Math.max(1, style.itemOffset - 1))}${(lines[0] ?? "").trimStart()}`;
  return { start, end, text: [first, ...lines.slice(1)].join(eol) };
}

/**
 * The comments on the line of the key or dash, and after an inline value, which outlive the value
 * they were written next to.
 */
function lineComment(text: string, node: Node, shape: OldShape, indicatorEnd: number | undefined): string | undefined {
  const range = node.range as [number, number, number];
  const comments: string[] = [];
  if (indicatorEnd !== undefined && lineStartAt(text, range[0]) !== lineStartAt(text, indicatorEnd)) {
    const rest = text.slice(indicatorEnd, lineContentEndAt(text, indicatorEnd)).trim();
    if (rest.startsWith("#")) comments.push(rest);
  }
  if (shape === "block-scalar") {
    const header = blockScalarHeaderComment(text, node);
    if (header) comments.push(header);
  } else if (shape !== "block-collection") {
    const rest = text.slice(range[1], lineContentEndAt(text, range[1])).trim();
    if (rest.startsWith("#")) comments.push(rest);
  }
  return comments.length > 0 ? comments.join(" ") : undefined;
}

function replaceInFlow(slot: Slot, value: JsonValue): Splice {
  const node = slot.node;
  const rendered = renderFlow(value, previousStyle(node));
  if (node?.range && node.range[0] < node.range[1]) return { start: node.range[0], end: node.range[1], text: rendered };
  if (node?.range) return { start: node.range[0], end: node.range[0], text: rendered };
  const pair = slot.parent?.items[slot.index];
  const key = isPair(pair) ? (pair.key as Node | null) : null;
  if (!key?.range) throw new EditError("unsupported", "cannot find where to write the value of a flow entry");
  return { start: key.range[1], end: key.range[1], text: `: ${rendered}` };
}

/** Removes one entry of a collection that keeps at least one other entry (block) or any entry (flow). */
export function removeSplice(view: EditView, slot: Slot): Splice {
  const parent = slot.parent;
  if (!parent) throw new EditError("unsupported", "the document itself cannot be removed");
  if (parent.flow) return removeFromFlow(view, parent, slot.index);
  const { text, floor } = view;
  const index = slot.index;
  const place = entryPlace(text, parent, index);
  if (!place.ownLine) {
    // `- name: x` losing `name`: the next entry moves up onto the dash line
    const next = entryPlace(text, parent, index + 1);
    const nextRegion = entryRegion(text, parent, index + 1, floor);
    return { start: place.start, end: nextRegion.start + next.column, text: "" };
  }
  const region = entryRegion(text, parent, index, floor);
  let start = region.start;
  // the line breaks that end a `|+` block scalar above are part of its value: never take them
  const previous = index > 0 ? lastLeaf(parent.items[index - 1]) : undefined;
  const keep = previous?.range && keepsTrailingBreaks(text, previous) ? previous.range[1] : floor;
  if (index === parent.items.length - 1 && index > 0) {
    // blank lines that separated the last entry from the others go with it
    const above = Math.max(keep, lineStartAt(text, entryLastOffset(text, parent, index - 1)) + 1);
    for (let line = previousLine(text, start, above); line?.blank; line = previousLine(text, start, above)) {
      start = line.start;
    }
  }
  let end = region.end;
  if (keep > floor) {
    // blank lines left right after a `|+` scalar would become part of its value
    for (let line = end < text.length ? lineInfoAt(text, end) : undefined; line?.blank; ) {
      end = line.next;
      line = end < text.length ? lineInfoAt(text, end) : undefined;
    }
  }
  if (endsText(text, end)) {
    // the text ends without a line break: the breaks (and blank lines) before the removed lines go too
    start = Math.max(keep, text.slice(0, start).replace(/(?:\r?\n[ \t]*)+$/, "").length);
  }
  return { start, end, text: "" };
}

function flowItemBounds(parent: Collection, index: number): { start: number; end: number } {
  const item = parent.items[index];
  const nodes = (isPair(item) ? [item.key, item.value] : [item]).filter(
    (candidate): candidate is Node => !!candidate && typeof candidate === "object" && "range" in candidate && !!candidate.range,
  );
  const ranges = nodes.map((node) => node.range as [number, number, number]).filter((range) => range[1] > range[0]);
  if (ranges.length === 0) throw new EditError("unsupported", "cannot find a flow collection entry in the text");
  return { start: Math.min(...ranges.map((r) => r[0])), end: Math.max(...ranges.map((r) => r[1])) };
}

function flowBrackets(text: string, parent: Collection): { open: number; close: number } {
  const range = parent.range as [number, number, number];
  const open = range[0];
  const close = range[1] - 1;
  if (!"{[".includes(text[open] ?? "") || !"}]".includes(text[close] ?? "")) {
    throw new EditError("unsupported", "cannot find the brackets of a flow collection");
  }
  return { open, close };
}

function removeFromFlow(view: EditView, parent: Collection, index: number): Splice {
  const count = parent.items.length;
  if (count === 1) {
    const { open, close } = flowBrackets(view.text, parent);
    return { start: open + 1, end: close, text: "" };
  }
  if (index < count - 1) {
    return { start: flowItemBounds(parent, index).start, end: flowItemBounds(parent, index + 1).start, text: "" };
  }
  return { start: flowItemBounds(parent, index - 1).end, end: flowItemBounds(parent, index).end, text: "" };
}

/** Writes `rendered` as entry `index` of a flow collection, matching one-per-line layouts. */
function insertIntoFlow(view: EditView, parent: Collection, index: number, rendered: string): Splice {
  const { text, eol } = view;
  const count = parent.items.length;
  if (count === 0) {
    const { open, close } = flowBrackets(text, parent);
    return { start: open + 1, end: close, text: rendered };
  }
  if (index >= count) {
    const last = flowItemBounds(parent, count - 1);
    const ownLine = lineInfoAt(text, lineStartAt(text, last.start)).indent === columnAt(text, last.start);
    const separator = ownLine ? `,${eol}${" ".repeat(columnAt(text, last.start))}` : ", ";
    return { start: last.end, end: last.end, text: `${separator}${rendered}` };
  }
  const at = flowItemBounds(parent, index).start;
  const ownLine = lineInfoAt(text, lineStartAt(text, at)).indent === columnAt(text, at);
  return { start: at, end: at, text: ownLine ? `${rendered},${eol}${" ".repeat(columnAt(text, at))}` : `${rendered}, ` };
}

/** True when `offset` is the end of a text that has no final line break. */
function endsText(text: string, offset: number): boolean {
  return offset === text.length && !text.endsWith("\n");
}

/** The document's style, without literal block scalars when the new lines will end the text. */
function styleAt(view: EditView, at: number): BlockStyle {
  return endsText(view.text, at) ? { ...view.style, literals: false } : view.style;
}

/** Lines for new entries at `at` (a line start, or the end of a text that may lack a final line break). */
function insertLines(view: EditView, at: number, lines: string[]): Splice {
  const { text, eol } = view;
  if (at === text.length && text.length > 0 && !text.endsWith("\n")) {
    return { start: at, end: at, text: `${eol}${lines.join(eol)}` };
  }
  return { start: at, end: at, text: `${lines.join(eol)}${eol}` };
}

/**
 * Adds `key` at the end of a mapping (new keys go last: the order a reader expects after the ones
 * already there). Undefined when the mapping has no block entries to line up with.
 */
export function insertPairSplice(
  view: EditView,
  map: YAMLMap<unknown, unknown>,
  key: string,
  value: JsonValue,
): Splice | undefined {
  if (map.flow) return insertIntoFlow(view, map, map.items.length, `${renderKey(key, true)}: ${renderFlow(value)}`);
  if (map.items.length === 0) return undefined;
  const column = entryPlace(view.text, map, 0).column;
  const at = appendOffset(view.text, map, view.floor);
  return insertLines(view, at, renderEntryLines(key, value, column, styleAt(view, at)));
}

/** Inserts an item before entry `index` of a sequence (or appends it). Undefined when it cannot be lined up. */
export function insertItemSplice(view: EditView, seq: Collection, index: number, value: JsonValue): Splice | undefined {
  if (seq.flow) return insertIntoFlow(view, seq, index, renderFlow(value));
  if (seq.items.length === 0) return undefined;
  const { text, floor } = view;
  const column = entryPlace(text, seq, 0).column;
  if (index >= seq.items.length) {
    const at = appendOffset(text, seq, floor);
    return insertLines(view, at, renderItemLines(value, column, styleAt(view, at)));
  }
  const place = entryPlace(text, seq, index);
  if (!place.ownLine) return undefined;
  return insertLines(view, entryRegion(text, seq, index, floor).start, renderItemLines(value, column, view.style));
}
