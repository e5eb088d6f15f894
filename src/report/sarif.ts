import type { Finding, Severity } from "../findings/finding.js";
import { docsUrl } from "../rules/docs-url.js";
import { ALL_RULES } from "../rules/registry.js";
import { artifactUri } from "./artifact-uri.js";
import { TOOL } from "./tool.js";

/** The rule metadata SARIF describes: the same for object rules and input rules. */
export interface SarifRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: string;
  readonly why: string;
}

export interface SarifOptions {
  /** every rule the run could report, in a fixed order: `ruleIndex` points into it */
  readonly rules?: readonly SarifRule[];
  /** the tool version to claim; the package version unless a door knows better */
  readonly version?: string;
  /** turns a finding's file into the URI GitHub resolves against the repository root */
  readonly uriFor?: (file: string) => string;
}

/** Key of `partialFingerprints`: versioned so that a new fingerprint scheme never matches an old alert. */
export const FINGERPRINT_KEY = "plumbline/v1";

/** Anchor of every relative artifact URI: the checkout root, which is where code scanning resolves it. */
export const SRCROOT = "%SRCROOT%";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * GitHub ranks alerts tagged `security` by this CVSS-like score (as a string): high, medium, low.
 * Other categories are quality findings and keep the plain error/warning/note levels.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.0", info: "2.0" };

/**
 * SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and any other consumer.
 * Only what GitHub documents as supported is filled in; `results` is present even when empty, since
 * an empty run is how code scanning learns that earlier alerts are fixed.
 */
export function renderSarif(findings: readonly Finding[], options: SarifOptions = {}): string {
  const known = options.rules ?? ALL_RULES;
  const rules = [...known, ...configuredRules(findings, known)];
  const uriFor = options.uriFor ?? artifactUri;
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: options.version ?? TOOL.version,
            informationUri: TOOL.informationUri,
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: "utf16CodeUnits",
        results: findings.map((finding) => result(finding, indexOf.get(finding.rule), uriFor)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * The repository's own rules (CEL in .github/plumbline.yml) are not in the registry: each id found
 * gets a descriptor too, so code scanning shows it like any other rule.
 */
function configuredRules(findings: readonly Finding[], known: readonly SarifRule[]): SarifRule[] {
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

function ruleDescriptor(rule: SarifRule) {
  const helpUri = docsUrl(rule.id);
  const security = rule.category === "security";
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    helpUri,
    help: { text: `${rule.why}\n\nSee ${helpUri}`, markdown: `${rule.why}\n\n[Documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: security ? ["kubernetes", "security"] : ["kubernetes", rule.category],
      // rules read declared fields, they do not guess: a hit is a fact about the manifest
      precision: "very-high",
      ...(security ? { "security-severity": SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

function result(finding: Finding, ruleIndex: number | undefined, uriFor: (file: string) => string) {
  const uri = uriFor(finding.file);
  return {
    ruleId: finding.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          // an absolute file: URI (a file outside the repository) must not be re-anchored
          artifactLocation: uri.startsWith("file:") ? { uri } : { uri, uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, finding.line), startColumn: Math.max(1, finding.column) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
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
