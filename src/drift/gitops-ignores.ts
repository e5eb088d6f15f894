/**
 * Ignore rules the repository already states for its GitOps tool, so Plumbline stays quiet
 * where Argo CD or Flux is told to:
 * - Argo CD: an Application's `spec.ignoreDifferences` (jsonPointers, jqPathExpressions,
 *   managedFieldsManagers) for the files under its source path, and the system-wide
 *   `resource.customizations.ignoreDifferences.*` keys of the `argocd-cm` ConfigMap.
 * - Flux: a Kustomization's `spec.driftIgnoreRules` (paths, target) for the files under its
 *   `spec.path`, and the per-object annotations `kustomize.toolkit.fluxcd.io/reconcile: disabled`,
 *   `kustomize.toolkit.fluxcd.io/ssa: Ignore | IfNotPresent` and
 *   `helm.toolkit.fluxcd.io/driftDetection: disabled`.
 */

import { RE2JS } from "re2js";
import { parse } from "yaml";
import { apiGroup, isRecord, type Resource } from "../manifests/resource.js";
import { KUBE_YAML } from "../manifests/yaml-options.js";
import type { IgnoreRule, IgnoreTarget } from "./ignore.js";
import { parseJqPath } from "./jq-path.js";

export interface GitopsIgnores {
  readonly rules: IgnoreRule[];
  readonly warnings: string[];
}

/** `relative` turns a Resource's file into a path relative to the repository root. */
export function gitopsIgnoreRules(resources: readonly Resource[], relative: (file: string) => string): GitopsIgnores {
  const rules: IgnoreRule[] = annotationRules();
  const warnings: string[] = [];
  for (const resource of resources) {
    const group = apiGroup(resource.apiVersion);
    const label = `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ""}${resource.name}`;
    const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
    if (group === "argoproj.io" && resource.kind === "Application") {
      const inScope = underPaths(sourcePaths(spec));
      for (const entry of asArray(spec.ignoreDifferences)) {
        if (isRecord(entry)) rules.push(argoRule(entry, label, inScope, warnings));
      }
    } else if (group === "" && resource.kind === "ConfigMap" && resource.name === "argocd-cm" && isRecord(resource.object.data)) {
      rules.push(...argoSystemRules(resource.object.data, warnings));
    } else if (group === "kustomize.toolkit.fluxcd.io" && resource.kind === "Kustomization") {
      const inScope = underPaths(typeof spec.path === "string" ? [spec.path] : []);
      for (const entry of asArray(spec.driftIgnoreRules)) {
        const rule = isRecord(entry) ? fluxRule(entry, label, inScope, warnings) : undefined;
        if (rule) rules.push(rule);
      }
    }
  }
  return { rules: rules.map((rule) => withRelativeFile(rule, relative)), warnings };
}

function withRelativeFile(rule: IgnoreRule, relative: (file: string) => string): IgnoreRule {
  return { ...rule, applies: (target) => rule.applies(target.file ? { ...target, file: relative(target.file) } : target) };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return asArray(value).filter((item): item is string => typeof item === "string");
}

function sourcePaths(spec: Record<string, unknown>): string[] {
  const sources = [spec.source, ...asArray(spec.sources)].filter(isRecord);
  return sources.map((source) => source.path).filter((path): path is string => typeof path === "string");
}

/** Files under one of `paths` (relative to the repository root); every file when there is none. */
function underPaths(paths: readonly string[]): (file: string | undefined) => boolean {
  const prefixes = paths
    .map((path) => path.replace(/^\.\//, "").replace(/\/+$/, ""))
    .filter((path) => path !== "" && path !== ".");
  if (prefixes.length === 0) return () => true;
  return (file) => file !== undefined && prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
}

function jqPaths(expressions: readonly string[], label: string, warnings: string[]) {
  return expressions.flatMap((expression) => {
    const parsed = parseJqPath(expression);
    if (!parsed) warnings.push(`${label}: jq expression "${expression}" is too complex for Plumbline: ignored`);
    return parsed ? [parsed] : [];
  });
}

function argoRule(
  entry: Record<string, unknown>,
  label: string,
  inScope: (file: string | undefined) => boolean,
  warnings: string[],
): IgnoreRule {
  // an absent group is the core group, `*` any group or kind
  const group = typeof entry.group === "string" ? entry.group : "";
  const kind = typeof entry.kind === "string" ? entry.kind : "*";
  const { name, namespace } = entry;
  return {
    source: label,
    applies: (target: IgnoreTarget) =>
      (group === "*" || group === target.group) &&
      (kind === "*" || kind === target.kind) &&
      (typeof name !== "string" || name === target.name) &&
      (typeof namespace !== "string" || namespace === target.namespace) &&
      inScope(target.file),
    pointers: strings(entry.jsonPointers),
    jqPaths: jqPaths(strings(entry.jqPathExpressions), label, warnings),
    managers: strings(entry.managedFieldsManagers),
  };
}

const SYSTEM_KEY = "resource.customizations.ignoreDifferences.";

function argoSystemRules(data: Record<string, unknown>, warnings: string[]): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(SYSTEM_KEY) || typeof value !== "string") continue;
    const groupKind = key.slice(SYSTEM_KEY.length);
    let settings: unknown;
    try {
      settings = parse(value, KUBE_YAML);
    } catch {
      warnings.push(`ConfigMap argocd-cm: ${key} is not valid YAML: ignored`);
      continue;
    }
    if (!isRecord(settings)) continue;
    const underscore = groupKind.lastIndexOf("_");
    const [group, kind] =
      groupKind === "all"
        ? ["*", "*"]
        : [underscore === -1 ? "" : groupKind.slice(0, underscore), groupKind.slice(underscore + 1)];
    rules.push(argoRule({ ...settings, group, kind }, `ConfigMap argocd-cm (${key})`, () => true, warnings));
  }
  return rules;
}

/** A Flux rule, or undefined (with a warning) when one of its regular expressions is invalid, as Flux rejects it too. */
function fluxRule(
  entry: Record<string, unknown>,
  label: string,
  inScope: (file: string | undefined) => boolean,
  warnings: string[],
): IgnoreRule | undefined {
  const target = isRecord(entry.target) ? entry.target : {};
  let invalid = false;
  // Flux's selector fields are Go (RE2) regular expressions matched against the whole value; RE2
  // matches in linear time, where a backtracking engine can take minutes on `(a+)+`
  const pattern = (field: string): RE2JS | undefined => {
    const source = target[field];
    if (typeof source !== "string") return undefined;
    try {
      return RE2JS.compile(source);
    } catch {
      warnings.push(
        `${label}: driftIgnoreRules target ${field} ${JSON.stringify(source)} is not a valid regular expression: rule ignored`,
      );
      invalid = true;
      return undefined;
    }
  };
  const group = pattern("group");
  const version = pattern("version");
  const kind = pattern("kind");
  const name = pattern("name");
  const namespace = pattern("namespace");
  if (invalid) return undefined;
  const labels = selector(target.labelSelector);
  const annotations = selector(target.annotationSelector);
  return {
    source: label,
    applies: (t: IgnoreTarget) =>
      (!group || group.matches(t.group)) &&
      (!version || version.matches(t.version)) &&
      (!kind || kind.matches(t.kind)) &&
      (!name || name.matches(t.name)) &&
      (!namespace || namespace.matches(t.namespace)) &&
      labels(t.labels) &&
      annotations(t.annotations) &&
      inScope(t.file),
    pointers: strings(entry.paths),
    jqPaths: [],
    managers: [],
  };
}

/** The equality subset of Kubernetes label selectors: `a=b,c!=d,e,!f`. */
function selector(expression: unknown): (values: Readonly<Record<string, string>>) => boolean {
  if (typeof expression !== "string" || expression.trim() === "") return () => true;
  const terms = expression.split(",").map((term) => term.trim());
  return (values) =>
    terms.every((term) => {
      const [key = "", value] = term.split(/!?==?/).map((part) => part.trim());
      if (term.startsWith("!")) return !(term.slice(1) in values);
      if (value === undefined) return key in values;
      return term.includes("!=") ? values[key] !== value : values[key] === value;
    });
}

/** Flux's per-object opt-outs, read from the Git object's annotations. */
function annotationRules(): IgnoreRule[] {
  const ssa = (t: IgnoreTarget) => t.annotations["kustomize.toolkit.fluxcd.io/ssa"]?.toLowerCase();
  const none = { pointers: [], jqPaths: [], managers: [] };
  return [
    {
      // Flux leaves these objects alone entirely: neither a change nor a deletion is drift
      source: "Flux annotation",
      applies: (t) =>
        t.annotations["kustomize.toolkit.fluxcd.io/reconcile"] === "disabled" ||
        ssa(t) === "ignore" ||
        t.annotations["helm.toolkit.fluxcd.io/driftDetection"] === "disabled",
      ...none,
      wholeObject: true,
    },
    // created when absent, never updated: only a missing object is drift
    { source: "Flux annotation", applies: (t) => ssa(t) === "ifnotpresent", ...none, createOnly: true },
  ];
}
