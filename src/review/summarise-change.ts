/** The second half of reviewing a change: once the door knows where the inline comments went, what the rest says. */
import { annotationFor, type ReviewAnnotation } from "./annotations/annotations.js";
import { MAX_INLINE_COMMENTS } from "./inline/plan.js";
import type { ChangePlan } from "./review-change.js";
import { type PullRequestReport, renderPullRequestReport } from "./summary/report.js";

/** The forge's size limits, as plain numbers (GitHub's are in src/github/limits.ts). */
export interface SummaryLimits {
  /** the sticky comment */
  readonly commentCharacters: number;
  /** the check's summary text */
  readonly checkTextCharacters: number;
  readonly jobSummaryCharacters: number;
}

export interface ChangeSummary {
  /** the sticky comment, marker first */
  readonly comment: string;
  /** false: the change added and fixed nothing, so no new comment is worth posting (an old one is still updated) */
  readonly commentWorthPosting: boolean;
  /** the same report without the marker, fitted to the check's limit */
  readonly checkSummary: string;
  readonly jobSummary: string;
  /**
   * Line annotations for the judged findings that have no inline comment (on a line the diff does
   * not show, past the cap, or the review is off or was refused): each finding speaks once.
   */
  readonly annotations: readonly ReviewAnnotation[];
  /** fingerprints with an inline comment, from this run or an earlier one */
  readonly inline: ReadonlySet<string>;
}

/**
 * `delivered`: whether the inline comments the plan holds were posted. If the forge refused them,
 * the summary lists those findings as having no inline comment.
 */
export function summariseChange(plan: ChangePlan, delivered: boolean, limits: SummaryLimits): ChangeSummary {
  const { input, classified, verdict } = plan;
  const inline = new Set(plan.inline.alreadyPosted.map((finding) => finding.fingerprint));
  if (delivered)
    for (const comment of plan.inline.comments) for (const fingerprint of comment.fingerprints) inline.add(fingerprint);
  const report: PullRequestReport = {
    links: input.links,
    baseSha: input.revisions.baseSha,
    headSha: input.revisions.headSha,
    head: input.head.summary,
    base: input.base?.summary,
    classified,
    onlyNew: input.gate.onlyNew,
    failOn: verdict.failOn,
    failing: verdict.failing,
    changedFiles: new Set(plan.changed.keys()),
    inline,
    outsideDiff: new Set(plan.inline.outsideDiff.map((finding) => finding.fingerprint)),
    overflow: new Set(plan.inline.overflow.map((finding) => finding.fingerprint)),
    inlineCap: input.inline.max ?? MAX_INLINE_COMMENTS,
    configChange: input.gate.change,
    configSource: input.gate.source,
  };
  return {
    comment: renderPullRequestReport(report, limits.commentCharacters, { marker: true }),
    commentWorthPosting: classified.introduced.length > 0 || classified.fixed.length > 0,
    checkSummary: renderPullRequestReport(report, limits.checkTextCharacters, { marker: false }),
    jobSummary: renderPullRequestReport(report, limits.jobSummaryCharacters, { marker: false }),
    annotations: plan.placed.filter((finding) => !inline.has(finding.fingerprint)).map(annotationFor),
    inline,
  };
}
