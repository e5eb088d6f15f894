import type { Finding, Severity } from "../findings/finding.js";
import { docsUrl } from "../rules/docs-url.js";
import ruleHelp from "./rule-help.json" with { type: "json" };

/** The rule metadata SARIF describes: the same for object rules and input rules. */
export interface SarifRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: string;
  readonly why: string;
}

export const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** GitHub's own vocabulary for a quality rule's weight (`properties.problem.severity`), shown on every alert. */
const PROBLEM_SEVERITY: Record<Severity, "error" | "warning" | "recommendation"> = {
  error: "error",
  warning: "warning",
  info: "recommendation",
};

/**
 * GitHub ranks alerts tagged `security` by this CVSS-like score (as a string): high, medium, low.
 * Other categories are quality findings and keep the plain error/warning/note levels.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.0", info: "2.0" };

const HELP: Readonly<Record<string, string>> = ruleHelp;

/**
 * The repository's own rules (CEL in .github/plumbline.yml) are not in the registry: each id found
 * gets a descriptor too, so code scanning shows it like any other rule.
 */
export function configuredRules(findings: readonly Finding[], known: readonly SarifRule[]): SarifRule[] {
  const ids = new Set(known.map((rule) => rule.id));
  const configured = new Map<string, SarifRule>();
  for (const finding of findings) {
    if (ids.has(finding.rule) || configured.has(finding.rule)) continue;
    configured.set(finding.rule, {
      id: finding.rule,
      title: `${finding.rule} (the repository's own rule)`,
      severity: finding.severity,
      category: "custom",
      why: "A rule of the repository's own: a CEL rule under rules.custom in .github/plumbline.yml, or a ValidatingAdmissionPolicy among its manifests.",
    });
  }
  return [...configured.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * One `reportingDescriptor`: code scanning shows `shortDescription` as the alert's title and
 * `help.markdown` (the rule's documentation page) under it.
 */
export function ruleDescriptor(rule: SarifRule) {
  const helpUri = docsUrl(rule.id);
  const security = rule.category === "security";
  const page = Object.hasOwn(HELP, rule.id) ? HELP[rule.id] : undefined;
  const markdown = page ?? `${rule.why}\n\n[Documentation](${helpUri})`;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    helpUri,
    help: { text: `${rule.why}\n\nSee ${helpUri}`, markdown },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: security ? ["kubernetes", "security"] : ["kubernetes", rule.category],
      // rules read declared fields, they do not guess: a hit is a fact about the manifest
      precision: "very-high",
      "problem.severity": PROBLEM_SEVERITY[rule.severity],
      ...(security ? { "security-severity": SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

/** `image-tag-latest` → `ImageTagLatest`: SARIF's `name` is an identifier, the id stays the key. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("");
}
