/**
 * The simple jq path expressions Argo CD users write in `jqPathExpressions`:
 * `.spec.replicas`, `.metadata.annotations["a/b"]`, `.spec.template.spec.containers[].image`,
 * `.spec.template.spec.containers[] | select(.name == "web") | .resources`. Anything else is
 * reported as unsupported rather than guessed at.
 */

import { isDeepStrictEqual } from "node:util";
import { isRecord } from "../manifests/resource.js";

type Step =
  | { readonly type: "field"; readonly name: string }
  | { readonly type: "each" }
  | { readonly type: "index"; readonly index: number }
  | { readonly type: "select"; readonly path: readonly string[]; readonly value: unknown };

export type JqPath = readonly Step[];

// sticky (`y`): each is tried where the previous step ended, never on a copy of the rest; none of
// them can match one text in two ways, so none backtracks
const FIELD = /\.([A-Za-z_][A-Za-z0-9_-]*)/y;
const QUOTED_FIELD = /\.?\["((?:[^"\\]|\\.)*)"\]/y;
const DOT_QUOTED = /\."((?:[^"\\]|\\.)*)"/y;
const EACH = /\[\]/y;
const INDEX = /\[(\d+)\]/y;
const FIELD_PATH = /^(?:\.[A-Za-z_][A-Za-z0-9_-]*)+$/;

/** Parses an expression, or returns undefined when it is outside the supported subset. */
export function parseJqPath(expression: string): JqPath | undefined {
  const steps: Step[] = [];
  for (const part of splitPipes(expression)) {
    if (part.startsWith("select(")) {
      const select = parseSelect(part);
      if (!select) return undefined;
      steps.push(select);
      continue;
    }
    const parsed = parsePath(part);
    if (!parsed) return undefined;
    steps.push(...parsed);
  }
  return steps.length > 0 ? steps : undefined;
}

function splitPipes(expression: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i] as string;
    if (char === "\\" && quoted) {
      current += char + (expression[++i] ?? "");
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === "|" && !quoted) {
      parts.push(current.trim());
      current = "";
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

const PATH_STEPS: readonly [RegExp, (match: RegExpExecArray) => Step][] = [
  [FIELD, (match) => ({ type: "field", name: match[1] as string })],
  [QUOTED_FIELD, (match) => ({ type: "field", name: JSON.parse(`"${match[1]}"`) as string })],
  [DOT_QUOTED, (match) => ({ type: "field", name: JSON.parse(`"${match[1]}"`) as string })],
  [EACH, () => ({ type: "each" })],
  [INDEX, (match) => ({ type: "index", index: Number(match[1]) })],
];

function parsePath(text: string): Step[] | undefined {
  if (text === ".") return [];
  const steps: Step[] = [];
  let at = 0;
  while (at < text.length) {
    let matched = false;
    for (const [pattern, step] of PATH_STEPS) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (!match) continue;
      steps.push(step(match));
      at = pattern.lastIndex;
      matched = true;
      break;
    }
    if (!matched) return undefined;
  }
  return steps;
}

/** `select(.a.b == <JSON literal>)`, read with string operations: a regex for it backtracked on padding. */
function parseSelect(part: string): Step | undefined {
  if (!part.endsWith(")")) return undefined;
  const inner = part.slice("select(".length, -1);
  const equals = inner.indexOf("==");
  if (equals === -1) return undefined;
  const path = inner.slice(0, equals).trim();
  if (!FIELD_PATH.test(path)) return undefined;
  const value = parseLiteral(inner.slice(equals + 2).trim());
  if (value === undefined) return undefined;
  return { type: "select", path: path.slice(1).split("."), value };
}

function parseLiteral(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The pointers (as segment lists) of every place in `root` the expression selects. */
export function resolveJqPath(path: JqPath, root: unknown): (string | number)[][] {
  let places: { value: unknown; at: (string | number)[] }[] = [{ value: root, at: [] }];
  for (const step of path) {
    const next: typeof places = [];
    for (const place of places) {
      const { value, at } = place;
      if (step.type === "field" && isRecord(value) && value[step.name] !== undefined) {
        next.push({ value: value[step.name], at: [...at, step.name] });
      } else if (step.type === "each" && Array.isArray(value)) {
        value.forEach((item, index) => {
          next.push({ value: item, at: [...at, index] });
        });
      } else if (step.type === "index" && Array.isArray(value) && step.index < value.length) {
        next.push({ value: value[step.index], at: [...at, step.index] });
      } else if (step.type === "select" && isDeepStrictEqual(valueAtPath(value, step.path), step.value)) {
        next.push(place);
      }
    }
    places = next;
  }
  return places.map((place) => place.at);
}

function valueAtPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const name of path) current = isRecord(current) ? current[name] : undefined;
  return current;
}
