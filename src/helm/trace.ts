/**
 * From a field of a rendered object back to what a person edits: the template line that wrote it (via
 * the line markers), and, when that line takes the value from `.Values`, the values file and line that
 * set it. A value written by `toYaml .Values.x` is traced through the whole block: the field's nearest
 * ancestor whose rendered value equals `.Values.x` names `x`, and the rest of the path follows it.
 */
import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { ValueSource } from "../findings/finding.js";
import { formatPointer, parsePointer, valueAt } from "../manifests/pointer.js";
import type { SourceLocation } from "../manifests/resource.js";
import { templateLine } from "./instrument.js";
import { MISSING, type ValuesScope } from "./values.js";

export interface RenderedDocument {
  /** the template file as findings show it */
  readonly template: string;
  /** the template's text on disk, split in lines ([] when it is not on disk, e.g. a packed subchart) */
  readonly templateLines: readonly string[];
  /** the document's text as helm rendered it */
  readonly text: string;
  /** per document line (0-based), the template line its marker names; undefined when rendered unmarked */
  readonly markers: readonly (number | undefined)[] | undefined;
  readonly values: ValuesScope;
}

export class DocumentTrace {
  private index: Map<string, Span> | undefined;

  constructor(private readonly document: RenderedDocument) {}

  /** The template line behind a line of the rendered document (1-based both). */
  templateLineOf(renderedLine: number): number | undefined {
    if (!this.document.markers) return undefined;
    return templateLine(this.document.markers, renderedLine - 1);
  }

  /** A rendered location moved into the template: same file for every field, the template's line. */
  locate(rendered: SourceLocation): SourceLocation {
    const line = this.document.templateLines.length > 0 ? this.templateLineOf(rendered.line) : undefined;
    if (line === undefined) return { file: this.document.template, line: 1, column: 1 };
    const text = this.document.templateLines[line - 1] ?? "";
    return { file: this.document.template, line, column: text.length - text.trimStart().length + 1 };
  }

  /** Where the value at `pointer` of `object` (an object of this document) was set in values, if it was. */
  valueSource(object: unknown, pointer: string): ValueSource | undefined {
    if (!this.document.markers) return undefined;
    const segments = parsePointer(pointer);
    let existing = segments.length;
    while (existing > 0 && valueAt(object, formatPointer(segments.slice(0, existing))) === undefined) existing--;
    // the field itself, or an ancestor a `toYaml` wrote whole; a few levels up is as far as blocks go
    for (let depth = existing; depth >= Math.max(1, existing - 4); depth--) {
      const field = formatPointer(segments.slice(0, depth));
      const rendered = valueAt(object, field);
      const found = this.matchRef(field, rendered);
      if (!found) continue;
      // the key itself when a values file writes it; else the section a fix would add it under
      const whole = this.document.values.origin([...found.path, ...segments.slice(depth)]);
      if (whole) return { ...whole, field: pointer, exact: found.exact };
      const base = this.document.values.origin(found.path);
      return base ? { ...base, field, exact: found.exact } : undefined;
    }
    return undefined;
  }

  private matchRef(field: string, rendered: unknown): { path: string[]; exact: boolean } | undefined {
    const span = this.span(field);
    if (!span) return undefined;
    const scalar = rendered === null || typeof rendered !== "object";
    const lines = new Set<number>();
    const last = scalar ? span.key : span.end;
    for (let line = span.key; line <= last && lines.size < 200; line++) {
      const template = this.templateLineOf(line);
      if (template !== undefined) lines.add(template);
    }
    let partial: string[] | undefined;
    for (const line of lines) {
      for (const path of this.refsAt(line, rendered)) {
        const value = this.document.values.value(path);
        if (value === MISSING) continue;
        if (looseEqual(value, rendered)) return { path, exact: true };
        // a Secret's `{{ .Values.password | b64enc }}`: the value, encoded (named, never written back)
        if (
          typeof rendered === "string" &&
          isScalarValue(value) &&
          String(value) !== "" &&
          Buffer.from(String(value)).toString("base64") === rendered
        )
          return { path, exact: false };
        if (
          scalar &&
          typeof rendered === "string" &&
          isScalarValue(value) &&
          String(value) !== "" &&
          rendered.includes(String(value))
        )
          partial = path;
      }
    }
    return partial ? { path: partial, exact: false } : undefined;
  }

  /**
   * The `.Values` paths a template line reads, including `.`/`.x` inside a `with .Values.y` block and a
   * `range $k, $v := .Values.y` loop's `$v`: the entry of `y` whose value is the rendered one, when only
   * one entry has it.
   */
  private refsAt(line: number, rendered: unknown): string[][] {
    const text = this.document.templateLines[line - 1] ?? "";
    const refs: string[][] = [];
    for (const match of text.matchAll(/\.Values((?:\.[A-Za-z_][\w-]*)+)/g)) refs.push((match[1] as string).slice(1).split("."));
    const { dot: within, ranges } = this.scopeAt(line);
    if (within) {
      for (const match of text.matchAll(/\{\{-?[^}]*?(?<![\w.$)\]])\.([A-Za-z_][\w-]*)?/g)) {
        const before = text.slice(0, (match.index ?? 0) + match[0].length);
        if (before.endsWith(".Values") || /\.Values\.[\w.-]*$/.test(before)) continue;
        refs.push(match[1] ? [...within, match[1]] : within);
      }
      if (/\b(toYaml|include|tpl)\s+\.\s*[|)}]/.test(text) || /\{\{-?\s*\.\s*[|}-]/.test(text)) refs.push(within);
    }
    for (const range of ranges) {
      if (!new RegExp(`\\$${range.value}\\b`).test(text)) continue;
      const over = this.document.values.value(range.over);
      const entries = Array.isArray(over)
        ? over.map((v, i) => [String(i), v] as const)
        : isRecordValue(over)
          ? Object.entries(over)
          : [];
      const matching = entries.filter(([, value]) => looseEqual(value, rendered));
      if (matching.length === 1) refs.push([...range.over, (matching[0] as readonly [string, unknown])[0]]);
    }
    return refs;
  }

  /** What `.` stands for at a line (the innermost `with .Values.x`), and the open `range $k, $v := .Values.x` loops. */
  private scopeAt(line: number): { dot: string[] | undefined; ranges: RangeVariables[] } {
    const stack: Block[] = [];
    for (let at = 1; at < line; at++) {
      const text = this.document.templateLines[at - 1] ?? "";
      for (const match of text.matchAll(/\{\{-?\s*(if|range|with|define|block|end)\b([^}]*)/g)) {
        const [, keyword, rest = ""] = match;
        if (keyword === "end") stack.pop();
        else if (keyword === "with") {
          const ref = /^\s*\.Values((?:\.[A-Za-z_][\w-]*)+)\s*-?$/.exec(rest);
          stack.push({ dot: ref ? (ref[1] as string).slice(1).split(".") : undefined });
        } else if (keyword === "range") {
          const loop = /^\s*(?:\$(\w+)\s*,\s*)?\$(\w+)\s*:=\s*\.Values((?:\.[A-Za-z_][\w-]*)+)\s*-?$/.exec(rest);
          stack.push({
            dot: undefined,
            ...(loop ? { range: { value: loop[2] as string, over: (loop[3] as string).slice(1).split(".") } } : {}),
          });
        } else stack.push({ dot: stack.at(-1)?.dot });
      }
    }
    return { dot: stack.at(-1)?.dot, ranges: stack.flatMap((block) => (block.range ? [block.range] : [])) };
  }

  private span(field: string): Span | undefined {
    this.index ??= spans(this.document.text);
    return this.index.get(field);
  }
}

interface RangeVariables {
  /** the loop's value variable, without `$` */
  readonly value: string;
  /** the values path it ranges over */
  readonly over: string[];
}

interface Block {
  readonly dot: string[] | undefined;
  readonly range?: RangeVariables;
}

interface Span {
  /** 1-based lines: the key (or the item), and the last line of the value */
  readonly key: number;
  readonly end: number;
}

/** Every field of the rendered document with the lines it spans. */
function spans(text: string): Map<string, Span> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const out = new Map<string, Span>();
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const visit = (node: unknown, pointer: string, keyOffset: number, depth: number) => {
    if (depth > 64 || !node || typeof node !== "object") return;
    const range = (node as Node).range;
    const endOffset = range ? Math.max(range[0], range[1] - 1) : keyOffset;
    out.set(pointer, { key: lineOf(keyOffset), end: lineOf(endOffset) });
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const child = `${pointer}${formatPointer([String(pair.key.value)])}`;
        const offset = pair.key.range?.[0] ?? keyOffset;
        if (pair.value && typeof pair.value === "object") visit(pair.value, child, offset, depth + 1);
        else out.set(child, { key: lineOf(offset), end: lineOf(offset) });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const offset = (item as Node | null)?.range?.[0] ?? keyOffset;
        visit(item, `${pointer}/${index}`, offset, depth + 1);
      });
    }
  };
  if (document.contents) visit(document.contents, "", document.contents.range?.[0] ?? 0, 0);
  return out;
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isScalarValue(value: unknown): boolean {
  return value !== null && typeof value !== "object";
}

/** Equal as rendered text: `{{ .Values.port | quote }}` gives "8080" for 8080. */
function looseEqual(a: unknown, b: unknown): boolean {
  if (isDeepStrictEqual(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => looseEqual(item, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => looseEqual((a as never)[key], (b as never)[key]));
  }
  if (a === null || b === null || typeof a === "object" || typeof b === "object") return false;
  return String(a) === String(b);
}
