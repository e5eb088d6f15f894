import { isNode, isPair, parseAllDocuments, visit } from "yaml";
import { KUBE_YAML } from "../manifests/yaml-options.js";
import { lineHashes } from "./line-hash.js";

/** A region's end, 1-based; `endColumn` is one past the last character, as SARIF counts. */
export interface RegionEnd {
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * One file's text as SARIF needs it: the line hashes code scanning tracks alerts by, and where the
 * key a finding points at ends together with its value. Built lazily, once per file per report.
 */
export class SourceView {
  readonly #text: string;
  readonly #lineStarts: number[];
  #hashes: string[] | undefined;
  /** key start offset → offset just past its value */
  #pairEnds: Map<number, number> | undefined;

  constructor(text: string) {
    this.#text = text;
    this.#lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) this.#lineStarts.push(i + 1);
  }

  get text(): string {
    return this.#text;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  /** The line's text without its line break (1-based; "" past the end). */
  line(line: number): string {
    const start = this.#lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.#lineStarts[line];
    return this.#text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, "");
  }

  lineHash(line: number): string | undefined {
    this.#hashes ??= lineHashes(this.#text);
    return this.#hashes[Math.max(1, line) - 1];
  }

  /**
   * The end of the key at (line, column) and its value: a scalar ends on its line, a block mapping or
   * list at its last line. Anywhere else (a list item, a document start, a position off the text),
   * the end of the line's content.
   */
  regionEnd(line: number, column: number): RegionEnd {
    const offset = this.#offsetOf(line, column);
    const end = offset === undefined ? undefined : this.#pairEndsByKey().get(offset);
    if (end !== undefined) return this.#position(end);
    const content = this.line(line).trimEnd();
    return { endLine: line, endColumn: Math.max(column, content.length) + 1 };
  }

  #offsetOf(line: number, column: number): number | undefined {
    const start = this.#lineStarts[line - 1];
    return start === undefined ? undefined : start + column - 1;
  }

  #position(offset: number): RegionEnd {
    // trailing blanks and line breaks belong to no value
    let end = offset;
    while (end > 0 && /\s/.test(this.#text[end - 1] ?? "")) end--;
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#lineStarts[middle] ?? 0) < end) low = middle;
      else high = middle - 1;
    }
    return { endLine: low + 1, endColumn: end - (this.#lineStarts[low] ?? 0) + 1 };
  }

  #pairEndsByKey(): Map<number, number> {
    if (this.#pairEnds) return this.#pairEnds;
    const ends = new Map<number, number>();
    this.#pairEnds = ends;
    let documents: ReturnType<typeof parseAllDocuments>;
    try {
      documents = parseAllDocuments(this.#text, KUBE_YAML);
    } catch {
      return ends;
    }
    for (const document of Array.isArray(documents) ? documents : []) {
      visit(document, {
        Pair: (_key, pair) => {
          if (!isPair(pair) || !isNode(pair.key) || !pair.key.range) return;
          const [keyStart, keyEnd] = pair.key.range;
          const valueEnd = isNode(pair.value) && pair.value.range ? pair.value.range[1] : keyEnd + 1;
          ends.set(keyStart, Math.max(keyEnd, valueEnd));
        },
      });
    }
    return ends;
  }
}
