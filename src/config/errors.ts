import type { ErrorObject } from "ajv";
import { classifyName } from "../k8s/credential-names.js";
import { recognizeCredential } from "../rules/secrets/credential-formats.js";
import { looksRandom } from "../rules/secrets/literal-value.js";

/** A configuration file that cannot be used: says which file, line and key. */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** `line` 0 means the problem has no place in the text (an unreadable file, an object from an API) */
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `${file}:${line}:${column}: ${detail}` : `${file}: ${detail}`);
  }
}

/** Where a schema error is (a JSON pointer into the configuration) and what to say about it. */
export interface ConfigProblem {
  readonly pointer: string;
  readonly detail: string;
  /** among problems at one place, the lower is the more helpful to show */
  readonly rank?: number;
}

/** Combinators (`oneOf`, `not`) only say that something inside failed; the inner error says what. */
const VAGUE_KEYWORDS = new Set(["oneOf", "anyOf", "allOf", "not"]);

const TYPE_NAMES: Record<string, string> = {
  array: "a list",
  object: "a mapping of keys",
  string: "a string",
  boolean: "true or false",
  number: "a number",
  integer: "a whole number",
};

/**
 * One Ajv error (compiled with `verbose: true`) in the words of someone editing YAML: the key as a
 * dotted path, the value they wrote, and what would be accepted. `if` errors only repeat their
 * branch's error and are never chosen.
 */
export function describeSchemaError(error: ErrorObject): ConfigProblem | undefined {
  const at = error.instancePath;
  const key = keyPath(at);
  switch (error.keyword) {
    case "if":
      return undefined;
    case "additionalProperties": {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closest(extra, known);
      const name = looksSecret(extra) ? `(a key that ${SECRET_NOTE})` : extra;
      return {
        pointer: `${at}/${escapePointer(extra)}`,
        detail: `${key ? `${key}.` : ""}${name}: unknown key${suggestion ? ` (did you mean ${suggestion}?)` : known.length ? ` (known keys: ${known.join(", ")})` : ""}`,
      };
    }
    case "enum": {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(", ");
      return { pointer: at, detail: `${key}: ${shown(error.data, at)} is not one of ${allowed}` };
    }
    case "type": {
      if (at === "/kubernetesVersion") {
        const unquoted = `unquoted, ${shown(error.data, at)} is read as a number`;
        return { pointer: at, detail: `kubernetesVersion: must be a quoted version such as "1.31" (${unquoted})` };
      }
      const type = String((error.params as { type: string | string[] }).type);
      return { pointer: at, detail: `${key}: must be ${TYPE_NAMES[type] ?? type}, not ${shown(error.data, at)}` };
    }
    case "pattern":
      if (at === "/kubernetesVersion") {
        return { pointer: at, detail: `kubernetesVersion: ${shown(error.data, at)} must be a version such as "1.31"` };
      }
      return { pointer: at, detail: `${key}: ${shown(error.data, at)} ${error.message ?? "is invalid"}` };
    case "minLength":
      return { pointer: at, detail: `${key}: must not be empty` };
    case "required": {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { pointer: at, detail: `${key || "(top level)"}: needs a ${missing}` };
    }
    default:
      return {
        pointer: at,
        detail: `${key || "(top level)"}: ${error.message ?? "invalid"}`,
        rank: VAGUE_KEYWORDS.has(error.keyword) ? 2 : 1,
      };
  }
}

/** `/rules/image-tag-latest/severity` → `rules.image-tag-latest.severity`, `/ignore/2` → `ignore[2]`. */
export function keyPath(pointer: string): string {
  if (pointer === "") return "";
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
}

export function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The candidate within two edits of `word` (typos like `rule:` or `ignores:`), if exactly one is. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const near = candidates.filter((candidate) => editDistance(word.toLowerCase(), candidate.toLowerCase()) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const SECRET_NOTE = "looks like a secret, not shown";

/**
 * The value someone wrote, quoted for the message, unless it (or anything inside it) looks like a
 * credential: messages reach the job log and the pull request, and a token pasted into the wrong
 * key must not travel with them.
 */
function shown(value: unknown, pointer: string): string {
  const name = pointer.split("/").pop() ?? "";
  if (containsSecret(value, name)) return `a value that ${SECRET_NOTE}`;
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function containsSecret(value: unknown, name: string, depth = 0): boolean {
  if (typeof value === "string") return looksSecret(value) || classifyName(name)?.strength === "strong";
  if (depth > 20 || value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, inner]) => looksSecret(key) || containsSecret(inner, key, depth + 1));
}

/** A known credential format, or the long, random shape of a generated key. */
export function looksSecret(text: string): boolean {
  return recognizeCredential(text) !== undefined || looksRandom(text);
}
