import { type Document, isScalar, type LineCounter, Scalar } from "yaml";
import type { ExpressionPosition } from "../cel/program.js";
import { parsePointer } from "../manifests/pointer.js";

/**
 * Maps a position inside an expression (as CEL reports it) to the file: the expression is a YAML
 * string, plain, quoted or a block scalar, so its text starts somewhere after its key.
 */
export function expressionLocator(text: string, document: Document, lineCounter: LineCounter) {
  return (pointer: string, position: ExpressionPosition): { line: number; column: number } | undefined => {
    const node = document.getIn(parsePointer(pointer), true);
    if (!isScalar(node) || !node.range) return undefined;
    const start = node.range[0];
    const offset =
      node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED
        ? blockOffset(text, start, String(node.value), position)
        : flowOffset(start, node.type, position);
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** One-line strings: the column counts from the opening quote (if any). */
function flowOffset(start: number, type: Scalar.Type | undefined, position: ExpressionPosition): number {
  const quote = type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE ? 1 : 0;
  return position.line === 1 ? start + quote + position.column - 1 : start;
}

/**
 * Block scalars (`|`, `>`): the value's characters are the content lines without their indentation,
 * each followed by one joining character (a newline, or a space when folded), so the n-th character
 * of the value is found by walking the content lines.
 */
function blockOffset(text: string, start: number, value: string, position: ExpressionPosition): number {
  const lines = value.split("\n");
  let wanted = position.column - 1;
  for (let i = 0; i < position.line - 1 && i < lines.length; i++) wanted += (lines[i]?.length ?? 0) + 1;
  let cursor = text.indexOf("\n", start) + 1; // content begins after the header line
  if (cursor === 0) return start;
  while (cursor < text.length) {
    const end = text.indexOf("\n", cursor) === -1 ? text.length : text.indexOf("\n", cursor);
    const line = text.slice(cursor, end);
    const indent = line.length - line.trimStart().length;
    const content = line.trimStart();
    if (wanted <= content.length) return cursor + indent + wanted;
    wanted -= content.length + 1;
    cursor = end + 1;
  }
  return start;
}
