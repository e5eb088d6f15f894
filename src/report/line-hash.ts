/**
 * GitHub code scanning tracks an alert by `partialFingerprints.primaryLocationLineHash`, which
 * github/codeql-action/upload-sarif fills in (or checks, warning when a given value differs) with its
 * own function of the file's text. Computing the same value here means an alert keeps its identity
 * however the SARIF reaches GitHub (the upload action, the REST API, another uploader), and when a block
 * of YAML moves, since the value depends on the text at the line, not on the line number.
 *
 * The scheme, as documented in codeql-action's src/fingerprints.ts (implemented here independently):
 * blanks and tabs are dropped and every line break (`\n`, `\r\n`, `\r`) counts as one `\n`; a file-end
 * mark (0xFFFF) follows, then zeros. A line's hash is the polynomial hash, base 37 modulo 2^64, of the
 * 100 characters of that stream from the line's first one on. Equal hashes in one file get a running
 * count (`<hex>:1`, `<hex>:2`, ...) in line order.
 */

const WINDOW = 100;
const BASE = 37n;
const END_OF_FILE = 0xffff;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
/** the weight the oldest character carries once the window is full: 37^100 mod 2^64 */
const OLDEST_WEIGHT = BigInt.asUintN(64, BASE ** BigInt(WINDOW));

/** The hash of every line of `text`, index 0 for line 1 (a text ending in a line break has one more, empty, line). */
export function lineHashes(text: string): string[] {
  const { codes, lineStarts } = normalise(text);
  const hashes: string[] = [];
  const seen = new Map<string, number>();
  // rolling hash over the window that ends just before `position`; `next` is the next line start to emit
  let hash = 0n;
  let next = 0;
  const total = codes.length + WINDOW;
  for (let position = 0; position <= total && next < lineStarts.length; position++) {
    // the window now holds codes[position - WINDOW .. position - 1]: it is the hash of the line starting there
    while (next < lineStarts.length && lineStarts[next] === position - WINDOW) {
      const hex = hash.toString(16);
      const count = (seen.get(hex) ?? 0) + 1;
      seen.set(hex, count);
      hashes.push(`${hex}:${count}`);
      next++;
    }
    const incoming = position < codes.length ? (codes[position] ?? 0) : 0;
    const outgoing = position >= WINDOW ? (codes[position - WINDOW] ?? 0) : 0;
    hash = BigInt.asUintN(64, BASE * hash + BigInt(incoming) - OLDEST_WEIGHT * BigInt(outgoing));
  }
  return hashes;
}

/** The hash of line `line` (1-based) of `text`, from a list computed once per file. */
export function lineHashAt(hashes: readonly string[], line: number): string | undefined {
  return hashes[Math.max(1, line) - 1];
}

/** The character stream the hash reads, and where in it each line starts. */
function normalise(text: string): { codes: number[]; lineStarts: number[] } {
  const codes: number[] = [];
  const lineStarts: number[] = [];
  let atLineStart = true;
  let afterCr = false;
  const take = (code: number) => {
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false;
      return;
    }
    afterCr = code === CR;
    const normalised = code === CR ? LF : code;
    if (atLineStart) {
      lineStarts.push(codes.length);
      atLineStart = false;
    }
    if (normalised === LF) atLineStart = true;
    codes.push(normalised);
  };
  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(END_OF_FILE);
  return { codes, lineStarts };
}
