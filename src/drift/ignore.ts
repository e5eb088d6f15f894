/**
 * Ignore rules, wherever they come from (the `drift.ignore` configuration, Argo CD's
 * `ignoreDifferences`, Flux's `driftIgnoreRules` and annotations): which objects they cover, and
 * which fields or managers' changes they silence.
 */

import { formatPointer, parsePointer } from "../manifests/pointer.js";
import { type JqPath, resolveJqPath } from "./jq-path.js";
import { wildcardMatcher } from "./wildcard.js";

export interface IgnoreTarget {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** the Git file, relative to the repository root; absent for objects only the cluster has */
  readonly file?: string;
}

export interface IgnoreRule {
  /** where the rule was written, for messages: `.github/plumbline.yml`, `Application argocd/shop` */
  readonly source: string;
  readonly applies: (target: IgnoreTarget) => boolean;
  /** JSON pointers whose changes are silenced (RFC 6901, list items by position) */
  readonly pointers: readonly string[];
  readonly jqPaths: readonly JqPath[];
  /** managers whose changes are trusted, not drift */
  readonly managers: readonly string[];
  /** the whole object is left alone (Flux `reconcile: disabled`, a rule with no fields) */
  readonly wholeObject?: boolean;
  /** only a missing object counts (Flux `ssa: IfNotPresent`) */
  readonly createOnly?: boolean;
}

/** A glob (`*`, `web-*`) that also accepts absent values when it is `*` or not given. */
export function globMatcher(pattern: string | undefined): (value: string) => boolean {
  if (pattern === undefined || pattern === "*") return () => true;
  return wildcardMatcher(pattern);
}

/** The ignore rules that apply to one object, resolved against both of its sides. */
export interface ObjectIgnores {
  readonly wholeObject: boolean;
  readonly createOnly: boolean;
  /** pointer prefixes into the Git object and into the live object */
  readonly gitPointers: readonly string[];
  readonly livePointers: readonly string[];
  readonly trusted: (manager: string) => boolean;
}

const NOTHING: ObjectIgnores = { wholeObject: false, createOnly: false, gitPointers: [], livePointers: [], trusted: () => false };

export function ignoresFor(rules: readonly IgnoreRule[], target: IgnoreTarget, git: unknown, live: unknown): ObjectIgnores {
  const applying = rules.filter((rule) => rule.applies(target));
  if (applying.length === 0) return NOTHING;
  const gitPointers: string[] = [];
  const livePointers: string[] = [];
  const managers = new Set<string>();
  for (const rule of applying) {
    for (const pointer of rule.pointers) {
      const normal = formatPointer(parsePointer(pointer));
      gitPointers.push(normal);
      livePointers.push(normal);
    }
    for (const jq of rule.jqPaths) {
      gitPointers.push(...resolveJqPath(jq, git).map(formatPointer));
      livePointers.push(...resolveJqPath(jq, live).map(formatPointer));
    }
    for (const manager of rule.managers) managers.add(manager);
  }
  return {
    wholeObject: applying.some((rule) => rule.wholeObject),
    createOnly: applying.some((rule) => rule.createOnly),
    gitPointers,
    livePointers,
    trusted: (manager) => managers.has(manager),
  };
}

/** Whether `pointer` is `prefix` or lies under it. */
export function isUnder(pointer: string, prefix: string): boolean {
  return pointer === prefix || (pointer.startsWith(prefix) && pointer[prefix.length] === "/");
}
