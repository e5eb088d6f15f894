import type { RuleSetting } from "../config/types.js";
import { compareFindings, type Finding, type Severity } from "../findings/finding.js";
import { fingerprint } from "../findings/fingerprint.js";
import { resourceFinding } from "../findings/resource-finding.js";
import { buildGraphs, type GraphOptions } from "../graph/graph.js";
import type { LoadProblem, ManifestSet, Resource } from "../manifests/resource.js";
import { optOutAnnotation } from "./opt-out.js";
import { INPUT_RULES, RULES } from "./registry.js";
import type { Hit, InputRule, Rule, RuleContext } from "./types.js";

export type { RuleSetting } from "../config/types.js";

/**
 * The rules a run applies. A run of `check` applies the registry's (src/rules/registry.ts); a test
 * hands one rule to see what it finds alone, with no other rule's findings to filter out.
 */
export interface Catalogue {
  /** rules about objects */
  readonly rules?: readonly Rule[];
  /** rules about the loader's problems (syntax, unreadable files) */
  readonly inputRules?: readonly InputRule[];
}

/** Every built-in rule: the catalogue `check` runs. */
export const REGISTRY: Required<Catalogue> = { rules: RULES, inputRules: INPUT_RULES };

export interface EngineOptions {
  readonly kubernetesVersion: string;
  /** the rules to run; every built-in rule when absent, and a list left out of a catalogue given is empty */
  readonly catalogue?: Catalogue;
  /** per rule id: switched off, or with another severity */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** objects and namespaces that exist but are created outside these manifests */
  readonly external?: GraphOptions["external"];
  /** directory trees applied together, from the configuration's `scopes:` (docs/scopes.md) */
  readonly treeOf?: GraphOptions["treeOf"];
  /**
   * Given, the rules also run on objects that opt out of them, and each finding so waived comes here
   * with the opting annotation (`key: value`) instead of into the result: SARIF shows them as suppressed.
   */
  readonly onOptedOut?: (finding: Finding, annotation: string) => void;
}

/** Runs every enabled rule of the catalogue over a loaded manifest set and returns the findings in file order. */
export function runRules(set: ManifestSet, options: EngineOptions): Finding[] {
  const catalogue = options.catalogue ?? REGISTRY;
  const settings = options.rules ?? {};
  const enabled = <R extends { id: string }>(rule: R) => settings[rule.id]?.enabled !== false;
  const severityOf = (rule: Rule | InputRule, hit?: Hit) => settings[rule.id]?.severity ?? hit?.severity ?? rule.severity;
  const findings: Finding[] = [];

  const inputRules = (catalogue.inputRules ?? []).filter(enabled);
  for (const problem of set.problems) {
    for (const rule of inputRules) {
      if (!rule.appliesTo(problem)) continue;
      for (const hit of rule.check(problem)) findings.push(problemFinding(rule, severityOf(rule, hit), problem, hit));
    }
  }

  const rules = (catalogue.rules ?? []).filter(enabled);
  const graphs = buildGraphs(set.resources, {
    ...(options.external ? { external: options.external } : {}),
    ...(options.treeOf ? { treeOf: options.treeOf } : {}),
  });
  const templateFiles = set.problems.filter((problem) => problem.kind === "template").map((problem) => problem.file);
  for (const resource of set.resources) {
    const graph = graphs.of(resource);
    if (!graph) continue;
    const context: RuleContext = { graph, kubernetesVersion: options.kubernetesVersion, templateFiles };
    for (const rule of rules) {
      if (!rule.appliesTo(resource)) continue;
      const optedOut = optOutAnnotation(resource, rule);
      if (optedOut !== undefined && !options.onOptedOut) continue;
      for (const hit of rule.check(resource, context)) {
        const finding = ruleFinding(rule, severityOf(rule, hit), resource, hit);
        if (optedOut === undefined) findings.push(finding);
        else options.onOptedOut?.(finding, optedOut);
      }
    }
  }
  return dedupe(findings).sort(compareFindings);
}

function ruleFinding(rule: Rule, severity: Severity, resource: Resource, hit: Hit): Finding {
  const finding = resourceFinding(resource, { rule: rule.id, severity, path: hit.path, message: hit.message });
  return hit.fix ? { ...finding, fix: hit.fix, fixApplicability: hit.fixApplicability } : finding;
}

function problemFinding(rule: InputRule, severity: Severity, problem: LoadProblem, hit: Hit): Finding {
  const identity = {
    apiVersion: problem.resource?.apiVersion ?? null,
    kind: problem.resource?.kind ?? null,
    namespace: problem.resource?.namespace ?? null,
    name: problem.resource?.name ?? null,
  };
  return {
    rule: rule.id,
    severity,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    resource: identity,
    message: hit.message,
    // a syntax error has no field path: the file and the kind of problem are its identity
    fingerprint: fingerprint(rule.id, { ...identity, name: problem.file }, `${problem.kind}:${hit.message}`),
    path: hit.path,
  };
}

/** Two overlays rendering one base report its problems once, at the base's line. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.rule}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column}\u0000${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
