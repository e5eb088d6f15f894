import { parse } from "yaml";
import type { JsonScalar } from "./json-value.js";

/** The quoting a scalar had in the source; a replacement keeps it when the new value allows. */
export type ScalarStyle = "PLAIN" | "QUOTE_SINGLE" | "QUOTE_DOUBLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";

export interface ScalarPlace {
  /** inside `[...]` or `{...}`, where `,[]{}` end a plain scalar */
  readonly flow: boolean;
  readonly key?: boolean;
}

/**
 * A plain scalar must read back as the same string in every schema a manifest may meet: kubectl's
 * YAML 1.1 (`yes`, `on`, `0755`, `1_000` are not strings there), 1.1 with timestamps, and 1.2 core
 * (`0o17`). Checking by parsing is exact where a hand-written list of patterns would drift.
 */
const READERS = [
  { version: "1.1", logLevel: "silent" },
  { version: "1.2", logLevel: "silent" },
] as const;

const plainCache = new Map<string, boolean>();

/** Characters only a double-quoted scalar can hold (as escapes): controls but tab and line feed, BOM, separators. */
function needsEscape(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) return true;
    if (code === 0x2028 || code === 0x2029 || code === 0xfeff) return true;
  }
  return false;
}
const INDICATOR_START = /^[!&*#|>'"%@`{}[\],]/;

export function plainAllowed(text: string, place: ScalarPlace): boolean {
  const cacheKey = `${place.flow ? "f" : "b"}${place.key ? "k" : "v"}${text}`;
  const cached = plainCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const allowed = plainShapeAllowed(text, place) && READERS.every((reader) => readsBackAs(text, place, reader));
  if (plainCache.size > 10_000) plainCache.clear();
  plainCache.set(cacheKey, allowed);
  return allowed;
}

function plainShapeAllowed(text: string, place: ScalarPlace): boolean {
  if (text === "" || text !== text.trim() || text.includes("\n") || text.includes("\t") || needsEscape(text)) {
    return false;
  }
  if (INDICATOR_START.test(text)) return false;
  if (/^[-?:](\s|$)/.test(text)) return false;
  if (/:(\s|$)/.test(text) || text.includes(" #")) return false;
  if (place.flow && /[,[\]{}]/.test(text)) return false;
  return !(place.key && text.length > 1000);
}

function readsBackAs(text: string, place: ScalarPlace, reader: (typeof READERS)[number]): boolean {
  const source = place.key ? (place.flow ? `{${text}: 0}` : `${text}: 0`) : place.flow ? `[${text}]` : `k: ${text}`;
  try {
    const value: unknown = parse(source, { ...reader, uniqueKeys: false });
    if (place.key) {
      return value !== null && typeof value === "object" && Object.keys(value).length === 1 && Object.hasOwn(value, text);
    }
    const read = place.flow ? (value as unknown[])[0] : (value as Record<string, unknown>).k;
    return read === text;
  } catch {
    return false;
  }
}

export function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function singleQuoteAllowed(text: string): boolean {
  return !text.includes("\n") && !text.includes("\r") && !needsEscape(text);
}

function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A string as a one-line scalar: plain when it reads back unchanged, otherwise quoted. */
export function renderString(text: string, place: ScalarPlace, previous?: ScalarStyle): string {
  if (previous === "QUOTE_DOUBLE") return doubleQuoted(text);
  if (previous === "QUOTE_SINGLE" && singleQuoteAllowed(text)) return singleQuoted(text);
  return plainAllowed(text, place) ? text : doubleQuoted(text);
}

export function renderNumber(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  return String(value);
}

/** Any JSON scalar on one line. Numbers and booleans are never quoted: quoting makes them strings. */
export function renderScalar(value: JsonScalar, place: ScalarPlace, previous?: ScalarStyle): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return renderNumber(value);
  return renderString(value, place, previous);
}

export function renderKey(key: string, flow: boolean): string {
  return plainAllowed(key, { flow, key: true }) ? key : doubleQuoted(key);
}

/**
 * A multi-line string as a literal block scalar (`|` or `|-`): the header and the content lines, each
 * already indented by `indent`. Undefined when a literal cannot hold the string exactly (control
 * characters, carriage returns, a first line that starts with blanks) or only as `|+`, whose value
 * would swallow any blank line that follows it; the caller quotes it instead.
 */
export function renderLiteral(text: string, indent: number): { header: string; lines: string[] } | undefined {
  if (!text.includes("\n") || text.includes("\r") || needsEscape(text) || /^[ \t\n]/.test(text)) return undefined;
  const trailing = text.length - text.replace(/\n+$/, "").length;
  if (trailing > 1) return undefined;
  const header = trailing === 0 ? "|-" : "|";
  const body = trailing === 0 ? text : text.slice(0, -1);
  const pad = " ".repeat(indent);
  const lines = body.split("\n").map((line) => (line === "" ? "" : pad + line));
  const probe = `k: ${header}\n${lines.join("\n")}\n`;
  try {
    const read = parse(probe, { version: "1.1", logLevel: "silent" }) as Record<string, unknown>;
    return read.k === text ? { header, lines } : undefined;
  } catch {
    return undefined;
  }
}
