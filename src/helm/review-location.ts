/**
 * Where a review puts a finding about a Helm-rendered object: a pull request that changes only
 * `values-prod.yaml` has no template line in its diff, so the finding goes on the values line that set
 * the field when that file is among the changed ones. For the review doors (the Action, the bot).
 */
import type { Finding } from "../findings/finding.js";

export interface ReviewLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The values line when its file changed and the finding's own file did not; else the finding's own place. */
export function reviewLocation(finding: Finding, changed: (file: string) => boolean): ReviewLocation {
  const source = finding.valueSource;
  if (source && changed(source.file) && !changed(finding.file)) {
    return { file: source.file, line: source.line, column: source.column };
  }
  return { file: finding.file, line: finding.line, column: finding.column };
}

/** The finding moved to its review location, so code that reads `file`/`line` (diff hunks, annotations) places it there. */
export function atReviewLocation(finding: Finding, changed: (file: string) => boolean): Finding {
  const at = reviewLocation(finding, changed);
  return at.file === finding.file && at.line === finding.line ? finding : { ...finding, ...at };
}
