import type { CelValue } from "@bufbuild/cel";
import type { Finding } from "../findings/finding.js";
import { isClusterScoped } from "../k8s/scope.js";
import { parseLabelSelector, parseLabels, selectorMatches } from "../k8s/selector.js";
import type { Resource } from "../manifests/resource.js";
import { isOptedOut } from "../rules/opt-out.js";
import type { Rule } from "../rules/types.js";
import type { CelObjects } from "./cel-objects.js";
import type { CustomRule } from "./custom-rule.js";
import { bindVariables, judge } from "./evaluate.js";
import { policyFinding } from "./finding.js";
import { failingPath } from "./locate-failure.js";

/** Runs the repository's own rules over every object they match. */
export function runCustomRules(rules: readonly CustomRule[], resources: readonly Resource[], objects: CelObjects): Finding[] {
  if (rules.length === 0) return [];
  const byKind = Map.groupBy(resources, (resource) => resource.kind);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const { kinds } = rule.match;
    const candidates =
      !kinds?.length || kinds.includes("*") ? resources : [...new Set(kinds)].flatMap((kind) => byKind.get(kind) ?? []);
    for (const resource of candidates) {
      if (!matches(rule, resource)) continue;
      const { bindings, errors } = bindVariables(rule.variables, { object: objects.of(resource) });
      const verdict = judge(rule, bindings, errors);
      // the opt-out is read only for would-be findings: most objects pass
      if (verdict.outcome === "pass" || optedOut(resource, rule)) continue;
      const severity = verdict.outcome === "unsupported" ? "info" : rule.severity;
      const path = verdict.outcome === "fail" ? failingPath(rule.expression, objects.of(resource) as CelValue, bindings) : "";
      findings.push(policyFinding({ rule: rule.id, severity, resource, path, message: verdict.message, identity: rule.id }));
    }
  }
  return findings;
}

/** `plumbline.dev/ignore: <id>` waives a custom rule as it does a built-in one (a custom rule has no peers). */
function optedOut(resource: Resource, rule: CustomRule): boolean {
  return isOptedOut(resource, { id: rule.id } as Rule);
}

function matches(rule: CustomRule, resource: Resource): boolean {
  const { kinds, namespaces, labelSelector } = rule.match;
  if (kinds && kinds.length > 0 && !kinds.includes(resource.kind) && !kinds.includes("*")) return false;
  if (namespaces && namespaces.length > 0) {
    if (isClusterScoped(resource.kind)) return false;
    if (!namespaces.includes(resource.namespace ?? "default")) return false;
  }
  if (labelSelector) {
    const selector = parseLabelSelector(labelSelector);
    const metadata = resource.object.metadata as { labels?: unknown } | undefined;
    const labels = parseLabels(metadata?.labels);
    if (!selector || !labels || !selectorMatches(selector, labels)) return false;
  }
  return true;
}
