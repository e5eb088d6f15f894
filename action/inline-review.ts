import * as core from "@actions/core";
import type { Finding } from "../src/findings/finding.js";
import type { ChangedFile } from "./changed-files.js";
import { bySeverity } from "./pull-request-report.js";
import { listPostedFingerprints, postReview, type ReviewTarget } from "./review.js";
import { planInlineComments, type Suggestion } from "./review-comments.js";

/** Which findings ended up where, for the sticky comment to say so. */
export interface InlineResult {
  /** fingerprints with an inline comment, posted now or on an earlier run */
  readonly inline: Set<string>;
  /** fingerprints on lines the diff does not show */
  readonly outsideDiff: Set<string>;
}

/**
 * The inline part of the review: reads which findings earlier runs commented on, plans the rest
 * (errors first, so a cap on comments bites the warnings), and posts them as one review.
 */
export async function reviewInline(
  target: ReviewTarget,
  findings: readonly Finding[],
  changed: ReadonlyMap<string, ChangedFile>,
  suggest: (finding: Finding) => Suggestion | undefined,
  result: InlineResult,
): Promise<void> {
  const posted = await listPostedFingerprints(target);
  const plan = planInlineComments(bySeverity(findings), changed, posted, suggest);
  for (const finding of plan.alreadyPosted) result.inline.add(finding.fingerprint);
  for (const finding of plan.outsideDiff) result.outsideDiff.add(finding.fingerprint);
  if (plan.comments.length === 0) return;
  const count = plan.comments.length;
  try {
    await postReview(
      target,
      plan.comments,
      `**Plumbline**: ${count} ${count === 1 ? "finding" : "findings"} on lines this pull request changes.`,
    );
  } catch (error) {
    // 422: GitHub refused a line after all; the findings are still listed in the sticky comment
    if ((error as { status?: number }).status !== 422) throw error;
    core.warning(`GitHub refused the inline comments (${(error as Error).message}); they are listed in the comment instead`);
    return;
  }
  for (const comment of plan.comments) result.inline.add(comment.fingerprint);
}
