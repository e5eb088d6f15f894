/**
 * Reviewing a whole tree (a push, a scheduled run): no comparison, every finding judged and annotated.
 */
import type { CheckResult } from "../check.js";
import { annotationFor, placeFindings, type ReviewAnnotation } from "./annotations/annotations.js";
import { type FailOn, type GateVerdict, treeVerdict } from "./gate/verdict.js";
import type { HeadTexts } from "./inline/suggestions.js";
import type { SummaryLimits } from "./summarise-change.js";
import { fittedMarkdown } from "./summary/tree-report.js";

export interface TreePlan {
  readonly verdict: GateVerdict;
  readonly annotations: readonly ReviewAnnotation[];
  readonly checkSummary: string;
  readonly jobSummary: string;
}

export function planTree(
  result: CheckResult,
  files: HeadTexts,
  failOn: FailOn,
  limits: Omit<SummaryLimits, "commentCharacters">,
): TreePlan {
  return {
    verdict: treeVerdict(result.findings, failOn),
    annotations: placeFindings(result.findings, files).map(annotationFor),
    checkSummary: fittedMarkdown(result.findings, result.summary, limits.checkTextCharacters),
    jobSummary: fittedMarkdown(result.findings, result.summary, limits.jobSummaryCharacters),
  };
}
