import { isEmptyCollection, isJsonObject, type JsonValue } from "./json-value.js";
import { renderKey, renderLiteral, renderScalar, type ScalarStyle } from "./render-scalar.js";

/** How the document being edited indents its block collections; new text copies it. */
export interface BlockStyle {
  /** columns a nested mapping is indented under its key */
  readonly step: number;
  /** columns a sequence's `-` is indented under its key: 0 in kubectl's style, often 2 in hand-written files */
  readonly seqIndent: number;
  /** columns from a `-` to the item's content (`- name` is 2) */
  readonly itemOffset: number;
  /**
   * false where the new lines end the text without a final line break: a literal block scalar there
   * would lose its last line break, so multi-line strings are quoted instead
   */
  readonly literals?: boolean;
}

export const DEFAULT_STYLE: BlockStyle = { step: 2, seqIndent: 2, itemOffset: 2 };

/** Values written on the line of their key or dash: scalars and empty collections. */
export function isInline(value: JsonValue): boolean {
  return value === null || typeof value !== "object" || isEmptyCollection(value);
}

export function isMultilineString(value: JsonValue): value is string {
  return typeof value === "string" && value.includes("\n");
}

/** A value in flow style, on one line: `{a: 1, b: [x, y]}`. */
export function renderFlow(value: JsonValue, previous?: ScalarStyle): string {
  if (Array.isArray(value)) return `[${value.map((item) => renderFlow(item)).join(", ")}]`;
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${renderKey(key, true)}: ${renderFlow(item)}`);
    return `{${entries.join(", ")}}`;
  }
  return renderScalar(value, { flow: true }, previous);
}

/** A scalar or empty collection for a block context, on one line. */
export function renderInline(value: JsonValue, previous?: ScalarStyle): string {
  if (Array.isArray(value)) return "[]";
  if (isJsonObject(value)) return "{}";
  return renderScalar(value, { flow: false }, previous);
}

const spaces = (count: number): string => " ".repeat(count);

/** The lines of a block mapping whose keys sit at `column`. */
export function renderMapLines(value: Record<string, JsonValue>, column: number, style: BlockStyle): string[] {
  return Object.entries(value).flatMap(([key, item]) => renderEntryLines(key, item, column, style));
}

/** One `key: value` entry of a block mapping, with the lines its value needs. */
export function renderEntryLines(key: string, value: JsonValue, column: number, style: BlockStyle): string[] {
  const head = `${spaces(column)}${renderKey(key, false)}:`;
  if (isMultilineString(value) && style.literals !== false) {
    const literal = renderLiteral(value, column + style.step);
    if (literal) return [`${head} ${literal.header}`, ...literal.lines];
  }
  if (isInline(value)) return [`${head} ${renderInline(value)}`];
  if (Array.isArray(value)) return [head, ...renderSeqLines(value, column + style.seqIndent, style)];
  return [head, ...renderMapLines(value as Record<string, JsonValue>, column + style.step, style)];
}

/** The lines of a block sequence whose dashes sit at `column`. */
export function renderSeqLines(value: JsonValue[], column: number, style: BlockStyle): string[] {
  return value.flatMap((item) => renderItemLines(item, column, style));
}

/** One `- value` item; a mapping or sequence item starts on the dash line (`- name: x`). */
export function renderItemLines(value: JsonValue, column: number, style: BlockStyle): string[] {
  const dash = `${spaces(column)}-${spaces(style.itemOffset - 1)}`;
  if (isMultilineString(value) && style.literals !== false) {
    const literal = renderLiteral(value, column + style.itemOffset);
    if (literal) return [`${dash}${literal.header}`, ...literal.lines];
  }
  if (isInline(value)) return [`${dash}${renderInline(value)}`];
  const inner = blockLines(value, column + style.itemOffset, style);
  return [`${dash}${(inner[0] ?? "").trimStart()}`, ...inner.slice(1)];
}

/** A non-empty collection in block style at `column` (a sequence's dashes, a mapping's keys). */
export function blockLines(value: JsonValue, column: number, style: BlockStyle): string[] {
  if (Array.isArray(value)) return renderSeqLines(value, column, style);
  return renderMapLines(value as Record<string, JsonValue>, column, style);
}
