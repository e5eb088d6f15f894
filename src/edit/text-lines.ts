/**
 * Offsets and lines of a text, for splicing whole lines. Every function accepts both `\n` and `\r\n`
 * line ends, so CRLF files keep theirs.
 */

/** The line ending a file mostly uses; new lines are written with it. */
export function detectEol(text: string): "\n" | "\r\n" {
  const first = text.indexOf("\n");
  return first > 0 && text[first - 1] === "\r" ? "\r\n" : "\n";
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset of the line break (or the end of the text) of the line holding `offset`. */
export function lineContentEndAt(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  if (newline === -1) return text.length;
  return newline > 0 && text[newline - 1] === "\r" ? newline - 1 : newline;
}

/** Offset just after the line break of the line holding `offset`, or the end of the text. */
export function nextLineStartAt(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

export function columnAt(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** True when only spaces or tabs come before `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}

export interface LineInfo {
  readonly start: number;
  /** offset after the line break */
  readonly next: number;
  readonly indent: number;
  readonly blank: boolean;
  readonly comment: boolean;
}

export function lineInfoAt(text: string, lineStart: number): LineInfo {
  const end = lineContentEndAt(text, lineStart);
  const content = text.slice(lineStart, end);
  const indent = content.length - content.trimStart().length;
  const trimmed = content.trim();
  return {
    start: lineStart,
    next: nextLineStartAt(text, lineStart),
    indent,
    blank: trimmed === "",
    comment: trimmed.startsWith("#"),
  };
}

/** The line before the one starting at `lineStart`, if any at or after `floor`. */
export function previousLine(text: string, lineStart: number, floor: number): LineInfo | undefined {
  if (lineStart <= floor || lineStart === 0) return undefined;
  const start = lineStartAt(text, lineStart - 1);
  return start < floor ? undefined : lineInfoAt(text, start);
}

/** Splits a text into lines that keep their terminators, so joining them gives the text back. */
export function splitLinesKeepingEnds(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

export function withoutLineEnd(line: string): string {
  return line.replace(/\r?\n$/, "");
}
