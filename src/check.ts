import type { PlumblineConfig } from "./config/config.js";
import { EMPTY_CONFIG } from "./config/config.js";
import { compareFindings, type Finding, SEVERITIES, type Severity } from "./findings/finding.js";
import { type ReadinessScore, readinessScore } from "./findings/score.js";
import { configuredTrees } from "./graph/scopes.js";
import { isWorkload } from "./k8s/workload.js";
import { loadManifests } from "./manifests/load.js";
import { ignoreMatcher } from "./manifests/path-glob.js";
import type { ManifestSet } from "./manifests/resource.js";
import { needsPolicies } from "./policy/needed.js";
import { DEFAULT_KUBERNETES_VERSION } from "./rules/api-versions/api-data.js";
import { runRules } from "./rules/engine.js";

export interface CheckOptions {
  readonly cwd?: string;
  /** the repository root that `ignore` globs are relative to; defaults to cwd */
  readonly root?: string;
  readonly config?: PlumblineConfig;
  /** overrides the configuration's version */
  readonly kubernetesVersion?: string;
  readonly maxFileSize?: number;
  readonly readStdin?: () => Promise<string>;
  readonly kubectl?: string;
  /** the helm to render charts with; `helm` from PATH by default */
  readonly helm?: string;
}

export interface Summary {
  readonly files: number;
  readonly resources: number;
  readonly findings: number;
  readonly bySeverity: Record<Severity, number>;
  readonly byRule: Record<string, number>;
  /** readiness 0–100, overall and per scored object */
  readonly score: ReadinessScore;
  readonly kubernetesVersion: string;
}

/** A finding its object waives with an opt-out annotation (`key: value`): never counted, shown as suppressed in SARIF. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly annotation: string;
}

export interface CheckResult {
  readonly findings: Finding[];
  readonly summary: Summary;
  readonly manifests: ManifestSet;
  readonly suppressed?: SuppressedFinding[];
}

/** Loads the paths and runs the catalogue: the whole `plumbline check` minus the printing. */
export async function check(paths: readonly string[], options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? EMPTY_CONFIG;
  const kubernetesVersion = options.kubernetesVersion ?? config.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const manifests = await loadManifests(paths, {
    cwd,
    isIgnored: ignoreMatcher(config.ignore, options.root ?? cwd, cwd),
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(options.readStdin ? { readStdin: options.readStdin } : {}),
    ...(options.kubectl ? { kubectl: options.kubectl } : {}),
    remoteHosts: config.kustomize?.remoteHosts ?? [],
    helm: {
      kubernetesVersion,
      root: options.root ?? cwd,
      charts: config.helm?.charts ?? [],
      ...(options.helm ? { helm: options.helm } : {}),
    },
  });
  const treeOf = configuredTrees(config.scopes ?? [], options.root ?? cwd, cwd);
  const suppressed: SuppressedFinding[] = [];
  const findings = runRules(manifests, {
    kubernetesVersion,
    onOptedOut: (finding, annotation) => suppressed.push({ finding, annotation }),
    rules: config.rules,
    external: config.external,
    ...(treeOf ? { treeOf } : {}),
  });
  const policies = config.admissionPolicies?.length
    ? (await loadManifests(config.admissionPolicies, { cwd: options.root ?? cwd, remoteHosts: [] })).resources
    : [];
  // CEL is loaded only by the runs that have some to evaluate
  if (needsPolicies(manifests.resources, config, policies)) {
    findings.push(...(await import("./policy/index.js")).checkPolicies(manifests, config, policies));
  }
  findings.sort(compareFindings);
  return { findings, manifests, suppressed, summary: summarize(findings, manifests, kubernetesVersion) };
}

export function summarize(findings: readonly Finding[], manifests: ManifestSet, kubernetesVersion: string): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
  }
  return {
    files: manifests.files.length,
    resources: manifests.resources.length,
    findings: findings.length,
    bySeverity,
    byRule,
    score: readinessScore(findings, manifests.resources.filter(isWorkload)),
    kubernetesVersion,
  };
}
