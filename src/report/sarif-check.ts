import type { CheckResult } from "../check.js";
import type { Finding } from "../findings/finding.js";
import type { LoadProblem } from "../manifests/resource.js";
import { renderSarif, type SarifNotification, type SarifOptions } from "./sarif.js";

/**
 * A problem of the machine, not of the manifests: nothing in the repository can fix it, so code
 * scanning gets it as a tool notification, not as an alert that would stay open on the file.
 */
export function isEnvironmentProblem(problem: LoadProblem): boolean {
  return problem.kind === "no-helm" || (problem.kind === "not-rendered" && /\bkubectl is not on PATH\b/.test(problem.message));
}

/**
 * `check`'s result as SARIF: its findings less those that report environment problems (those become
 * notifications), and the findings opt-out annotations waive as suppressed results.
 */
export function renderCheckSarif(result: CheckResult, options: Omit<SarifOptions, "suppressed" | "notifications"> = {}): string {
  const environment = result.manifests.problems.filter(isEnvironmentProblem);
  const isEnvironment = (finding: Finding) =>
    environment.some(
      (problem) => problem.file === finding.file && problem.line === finding.line && problem.message === finding.message,
    );
  const notifications: SarifNotification[] = environment.map((problem) => ({
    level: "warning",
    message: problem.message,
    file: problem.file,
    line: problem.line,
  }));
  return renderSarif(
    result.findings.filter((finding) => !isEnvironment(finding)),
    { ...options, suppressed: result.suppressed ?? [], notifications },
  );
}

/** The document a finding's fix edits, as the finding carries it: only an object read as written, never a rendering. */
export function documentTarget(finding: Finding) {
  const document = finding.document;
  if (!finding.fix || !document || document.renderedBy || document.file !== finding.file) return undefined;
  const { documentIndex, listIndex } = document;
  return { documentIndex, ...(listIndex !== undefined ? { listIndex } : {}) };
}
