/**
 * Kubernetes label selectors (`matchLabels` + `matchExpressions`) evaluated the way the API server
 * does, so a rule can tell which labels a selector picks without guessing.
 */
import { isRecord } from "../manifests/resource.js";

export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
}

/** The first requirement of a selector that a set of labels fails, with where it sits in the selector. */
export type SelectorMiss =
  | { readonly via: "matchLabels"; readonly key: string; readonly expected: string; readonly actual?: string }
  | {
      readonly via: "matchExpressions";
      readonly index: number;
      readonly requirement: SelectorRequirement;
      readonly actual?: string;
    };

const OPERATORS = new Set<string>(["In", "NotIn", "Exists", "DoesNotExist"]);

/**
 * Reads a selector from a manifest. Undefined when the value is not a well-formed selector (an unknown
 * operator, `In` without values): the API server rejects those for its own reasons, and a rule that
 * guessed what they meant would only add noise.
 */
export function parseLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const matchLabels: Record<string, string> = {};
  if (value.matchLabels !== undefined && value.matchLabels !== null) {
    if (!isRecord(value.matchLabels)) return undefined;
    for (const [key, label] of Object.entries(value.matchLabels)) {
      const text = labelText(label);
      if (text === undefined) return undefined;
      matchLabels[key] = text;
    }
  }
  const matchExpressions: SelectorRequirement[] = [];
  if (value.matchExpressions !== undefined && value.matchExpressions !== null) {
    if (!Array.isArray(value.matchExpressions)) return undefined;
    for (const entry of value.matchExpressions) {
      const requirement = parseRequirement(entry);
      if (!requirement) return undefined;
      matchExpressions.push(requirement);
    }
  }
  return { matchLabels, matchExpressions };
}

function parseRequirement(entry: unknown): SelectorRequirement | undefined {
  if (!isRecord(entry) || typeof entry.key !== "string" || typeof entry.operator !== "string") return undefined;
  if (!OPERATORS.has(entry.operator)) return undefined;
  const operator = entry.operator as SelectorOperator;
  const raw = entry.values ?? [];
  if (!Array.isArray(raw)) return undefined;
  const values = raw.map(labelText);
  if (values.some((v) => v === undefined)) return undefined;
  const needsValues = operator === "In" || operator === "NotIn";
  if (needsValues !== values.length > 0) return undefined;
  return { key: entry.key, operator, values: values as string[] };
}

/** Labels as the API server sees them: a map of strings. Undefined when the value is not such a map. */
export function parseLabels(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return undefined;
  const labels: Record<string, string> = {};
  for (const [key, label] of Object.entries(value)) {
    const text = labelText(label);
    if (text === undefined) return undefined;
    labels[key] = text;
  }
  return labels;
}

/** A selector with no requirements: matches everything, which most workload kinds refuse. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Whether the labels meet every requirement. Requirements on `open` keys are taken as met: labels whose
 * value is not known in advance (the ones a controller adds to each pod it creates).
 */
export function selectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
  open: ReadonlySet<string> = NO_KEYS,
): boolean {
  return firstMiss(selector, labels, open) === undefined;
}

/** The first requirement the labels fail, in the order the selector lists them; undefined when all hold. */
export function firstMiss(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
  open: ReadonlySet<string> = NO_KEYS,
): SelectorMiss | undefined {
  for (const [key, expected] of Object.entries(selector.matchLabels)) {
    if (open.has(key)) continue;
    const actual = labelOf(labels, key);
    if (actual !== expected) return { via: "matchLabels", key, expected, ...(actual !== undefined ? { actual } : {}) };
  }
  for (const [index, requirement] of selector.matchExpressions.entries()) {
    if (open.has(requirement.key)) continue;
    const actual = labelOf(labels, requirement.key);
    if (!requirementHolds(requirement, actual)) {
      return { via: "matchExpressions", index, requirement, ...(actual !== undefined ? { actual } : {}) };
    }
  }
  return undefined;
}

function requirementHolds(requirement: SelectorRequirement, actual: string | undefined): boolean {
  switch (requirement.operator) {
    case "In":
      return actual !== undefined && requirement.values.includes(actual);
    case "NotIn":
      return actual === undefined || !requirement.values.includes(actual);
    case "Exists":
      return actual !== undefined;
    case "DoesNotExist":
      return actual === undefined;
  }
}

/** `app in (web, api)`, `tier notin (db)`, `canary`, `!legacy`: the kubectl spelling of a requirement. */
export function describeRequirement(requirement: SelectorRequirement): string {
  const values = requirement.values.join(", ");
  switch (requirement.operator) {
    case "In":
      return `${requirement.key} in (${values})`;
    case "NotIn":
      return `${requirement.key} notin (${values})`;
    case "Exists":
      return requirement.key;
    case "DoesNotExist":
      return `!${requirement.key}`;
  }
}

function labelOf(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/**
 * YAML turns `version: 1` or `enabled: true` into a number or a boolean; kubectl would refuse such a
 * label, but both sides of a comparison must read it the same way, so scalars are compared as text.
 */
function labelText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
