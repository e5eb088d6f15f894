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

const FIELD = /^\.([A-Za-z_][A-Za-z0-9_-]*)/;
const QUOTED_FIELD = /^\.?\["((?:[^"\\]|\\.)*)"\]/;
const DOT_QUOTED = /^\."((?:[^"\\]|\\.)*)"/;
const EACH = /^\[\]/;
const INDEX = /^\[(\d+)\]/;
const SELECT = /^select\(\s*((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\s*==\s*(.+?)\s*\)$/;

/** Parses an expression, or returns undefined when it is outside the supported subset. */
export function parseJqPath(expression: string): JqPath | undefined {
  const steps: Step[] = [];
  for (const part of splitPipes(expression)) {
    const select = SELECT.exec(part);
    if (select) {
      const value = parseLiteral(select[2] as string);
      if (value === undefined) return undefined;
      steps.push({ type: "select", path: (select[1] as string).slice(1).split("."), value });
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
  let rest = text;
  while (rest.length > 0) {
    const found = PATH_STEPS.map(([pattern, step]) => [pattern.exec(rest), step] as const).find(([match]) => match !== null);
    if (!found?.[0]) return undefined;
    steps.push(found[1](found[0]));
    rest = rest.slice(found[0][0].length);
  }
  return steps;
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
