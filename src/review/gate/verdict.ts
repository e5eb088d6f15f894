import { type Finding, type Severity, severityRank } from "../../findings/finding.js";
import { plural } from "../../plural.js";

/** The gate's threshold: a severity, or `none` for a gate that never fails. */
export type FailOn = Severity | "none";

/** What the gate decided, for every place that shows it (check title, status, step result). */
export interface GateVerdict {
  readonly failOn: FailOn;
  /** the findings the gate counted (only the new ones when `onlyNew`) */
  readonly judged: readonly Finding[];
  /** those at or above `failOn` */
  readonly failing: readonly Finding[];
  readonly passed: boolean;
  /** one line, at most 140 characters: the check run's title and the commit status's description */
  readonly headline: string;
}

/** The door's setting when given, else the configuration file's `failOn`, else `error` (as the CLI does). */
export function resolveFailOn(input: FailOn | undefined, configured: Severity | undefined): FailOn {
  return input ?? configured ?? "error";
}

/** Findings at or above `fail-on`; none when the gate is off. */
export function failing(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === "none") return [];
  const threshold = severityRank(failOn);
  return findings.filter((finding) => severityRank(finding.severity) >= threshold);
}

/** The verdict on a change: `introduced` is what the headline counts as new. */
export function changeVerdict(judged: readonly Finding[], introduced: number, failOn: FailOn): GateVerdict {
  const failed = failing(judged, failOn);
  return {
    failOn,
    judged,
    failing: failed,
    passed: failed.length === 0,
    headline: gateHeadline(introduced, failed.length, failOn),
  };
}

/** The verdict on a whole tree (a push): every finding is judged and counted. */
export function treeVerdict(findings: readonly Finding[], failOn: FailOn): GateVerdict {
  const failed = failing(findings, failOn);
  const found = plural(findings.length, "finding");
  return {
    failOn,
    judged: findings,
    failing: failed,
    passed: failed.length === 0,
    headline: thresholdLine(found, failed.length, failOn),
  };
}

/** The one-line verdict for the check run title and the commit status (≤ 140 characters). */
export function gateHeadline(introduced: number, failingCount: number, failOn: FailOn): string {
  return thresholdLine(plural(introduced, "new finding"), failingCount, failOn);
}

function thresholdLine(counted: string, failingCount: number, failOn: FailOn): string {
  if (failOn === "none") return counted;
  return failingCount > 0 ? `${counted}, ${failingCount} at or above ${failOn}` : `${counted}, none at or above ${failOn}`;
}
