import type { Finding, FindingResource, Severity } from "./finding.js";

/** How much one rule's findings on one object cost; each rule counts once per object. */
export const PENALTY: Readonly<Record<Severity, number>> = { error: 25, warning: 10, info: 2 };

export interface ResourceScore {
  readonly resource: FindingResource;
  readonly score: number;
}

export interface ReadinessScore {
  /** 0–100: the mean of the scored objects, or 100 when nothing was scored */
  readonly overall: number;
  readonly resources: readonly ResourceScore[];
}

export interface ScoredObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/**
 * The readiness score a PR can quote ("readiness 72 → 86"). Every workload is scored, and so is any
 * other object or file with a finding: 100 minus a penalty per rule broken, by severity. The same rule
 * firing for three containers costs once, so the score measures how many kinds of problem an object
 * has, not how many containers it happens to run.
 */
export function readinessScore(findings: readonly Finding[], workloads: readonly ScoredObject[]): ReadinessScore {
  const units = new Map<string, { resource: FindingResource; rules: Map<string, Severity> }>();
  const unit = (resource: FindingResource) => {
    const key = [resource.kind, resource.namespace, resource.name].join("\u0000");
    let entry = units.get(key);
    if (!entry) {
      entry = { resource, rules: new Map() };
      units.set(key, entry);
    }
    return entry;
  };
  for (const w of workloads) {
    unit({ apiVersion: w.apiVersion, kind: w.kind, namespace: w.namespace ?? null, name: w.name });
  }
  for (const finding of findings) {
    // input problems have no object: the file stands in for it
    const resource = finding.resource.kind === null ? { ...finding.resource, name: finding.file } : finding.resource;
    const rules = unit(resource).rules;
    const previous = rules.get(finding.rule);
    if (!previous || PENALTY[finding.severity] > PENALTY[previous]) rules.set(finding.rule, finding.severity);
  }
  const resources = [...units.values()].map(({ resource, rules }) => ({
    resource,
    score: Math.max(0, 100 - [...rules.values()].reduce((sum, severity) => sum + PENALTY[severity], 0)),
  }));
  const overall = resources.length === 0 ? 100 : Math.round(resources.reduce((sum, r) => sum + r.score, 0) / resources.length);
  return { overall, resources };
}
