/**
 * kubectl reads YAML with go-yaml (libyaml's scanner), which lets the continuation lines of a quoted
 * scalar sit at any indentation:
 *
 *   annotations:
 *     description: "first line
 *     second line"
 *
 * The `yaml` package ends the scalar at the under-indented line and reports a missing quote. Such
 * files apply fine, so Plumbline reads them too: each continuation line of a quoted scalar the parser
 * gave up on is indented one space past its key. Spaces are only added at the start of lines, so line
 * numbers stay the same, and folding drops a continuation line's leading spaces, so the value does
 * too.
 */

/** The text with the quoted scalars that stop on the lines at `offsets` re-indented, or undefined. */
export function reindentQuotedScalars(text: string, offsets: readonly number[]): string | undefined {
  const starts = new Set<number>();
  for (const offset of offsets) {
    const start = lineStart(text, offset);
    starts.add(start);
  }
  const pads = new Map<number, number>(); // line start → spaces to add
  for (const stop of [...starts].sort((a, b) => a - b)) {
    const start = openingLine(text, stop);
    if (start === undefined) continue;
    const opening = openQuoteOnLine(text, start);
    if (opening === undefined) continue;
    const indent = indentation(text, start);
    const closing = closingQuote(text, opening);
    if (closing === undefined) continue;
    // every line after the opening one, up to the closing quote
    for (let at = text.indexOf("\n", opening); at !== -1 && at < closing; at = text.indexOf("\n", at + 1)) {
      const line = at + 1;
      const own = indentation(text, line);
      if (line < closing && own <= indent && !isBlankLine(text, line)) pads.set(line, indent + 1 - own);
    }
  }
  if (pads.size === 0) return undefined;
  const parts: string[] = [];
  let from = 0;
  for (const [line, spaces] of [...pads].sort((a, b) => a[0] - b[0])) {
    parts.push(text.slice(from, line), " ".repeat(spaces));
    from = line;
  }
  parts.push(text.slice(from));
  return parts.join("");
}

/** How far up from where the parser stopped the line that opened the scalar is looked for. */
const MAX_LINES_UP = 1_000;

/** The start of the nearest line at or above `stop` that ends inside a quote it opened. */
function openingLine(text: string, stop: number): number | undefined {
  let start = stop;
  for (let lines = 0; lines < MAX_LINES_UP; lines++) {
    if (openQuoteOnLine(text, start) !== undefined) return start;
    if (start === 0) return undefined;
    start = lineStart(text, start - 1);
  }
  return undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", Math.max(0, offset - 1)) + 1;
}

function indentation(text: string, start: number): number {
  let at = start;
  while (text[at] === " ") at++;
  return at - start;
}

function isBlankLine(text: string, start: number): boolean {
  for (let at = start; at < text.length && text[at] !== "\n"; at++) if (text[at] !== " " && text[at] !== "\t") return false;
  return true;
}

/** The offset of a quote opened on the line at `start` and still open at its end, if any. */
function openQuoteOnLine(text: string, start: number): number | undefined {
  let open: number | undefined;
  let quote = "";
  for (let at = start; at < text.length && text[at] !== "\n"; at++) {
    const char = text[at] as string;
    if (quote === "") {
      if (char === "#" && (at === start || text[at - 1] === " ")) break;
      if (char === '"' || char === "'") {
        quote = char;
        open = at;
      }
    } else if (quote === '"' && char === "\\") at++;
    else if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else quote = "";
    }
  }
  return quote === "" ? undefined : open;
}

/** The offset of the quote that closes the one at `opening`, stopping at a document marker. */
function closingQuote(text: string, opening: number): number | undefined {
  const quote = text[opening];
  for (let at = opening + 1; at < text.length; at++) {
    const char = text[at];
    if (char === "\n" && (text.startsWith("---", at + 1) || text.startsWith("...", at + 1))) return undefined;
    if (quote === '"' && char === "\\") at++;
    else if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return undefined;
}
