/**
 * The forge-neutral "review a change" use case: from the analyses of a change's base and head, its
 * diff and the gate's settings, a plain plan of what to say where. No forge is called from here: the
 * door posts the inline comments, tells `summariseChange` whether they arrived, and posts the rest.
 */
import type { CheckResult } from "../check.js";
import type { Finding } from "../findings/finding.js";
import { atReviewLocation } from "../helm/review-location.js";
import type { GateConfig } from "./analyse/gate-config.js";
import { placeFindings } from "./annotations/annotations.js";
import { type Classified, classify, classifyWithoutBase } from "./compare/classify.js";
import type { ChangedFile } from "./diff/changed-file.js";
import { changeVerdict, type FailOn, type GateVerdict } from "./gate/verdict.js";
import { type InlinePlan, MAX_INLINE_COMMENTS, planInlineComments } from "./inline/plan.js";
import { type HeadTexts, suggesterFor } from "./inline/suggestions.js";
import type { ReviewLinks } from "./summary/links.js";
import { bySeverity } from "./summary/table.js";

export interface ChangeInput {
  readonly head: CheckResult;
  /** undefined when the base revision could not be read: every finding in a changed file is new */
  readonly base: CheckResult | undefined;
  readonly headFiles: HeadTexts;
  /** every file the change touches, with its hunks (removed files included: they are left out here) */
  readonly changedFiles: readonly ChangedFile[];
  readonly revisions: { readonly baseSha: string; readonly headSha: string };
  readonly gate: GateSettings;
  readonly inline: InlineSettings;
  readonly links: ReviewLinks;
}

export interface GateSettings {
  readonly failOn: FailOn;
  /** the gate and the inline comments consider only the findings the change introduces */
  readonly onlyNew: boolean;
  /** which configuration judged the change, and whether the change edits it */
  readonly source: GateConfig["source"];
  readonly change: GateConfig["change"];
}

export interface InlineSettings {
  /** false: no inline comments are planned (the door's review is off) */
  readonly enabled: boolean;
  /** fingerprints an earlier run already commented inline */
  readonly posted: ReadonlySet<string>;
  /** the cap on findings commented inline per change */
  readonly max?: number;
}

export interface ChangePlan {
  readonly input: ChangeInput;
  readonly classified: Classified;
  readonly verdict: GateVerdict;
  /** the judged findings, their lines placed on the head file (never past its end) */
  readonly placed: readonly Finding[];
  /** the changed files that still exist, by path */
  readonly changed: ReadonlyMap<string, ChangedFile>;
  readonly inline: InlinePlan;
  /** the review's own text, above its inline comments */
  readonly reviewBody: string;
  /** fixes that got no suggestion, and why (for the door's debug log) */
  readonly declined: readonly string[];
}

export function planChange(input: ChangeInput): ChangePlan {
  const changed = new Map(input.changedFiles.filter((file) => file.status !== "removed").map((file) => [file.path, file]));
  // a change to a chart's values file alone puts what a template renders from it on its values line
  const headFindings = input.head.findings.map((finding) => atReviewLocation(finding, (file) => changed.has(file)));
  const classified = input.base
    ? classify(headFindings, input.base.findings)
    : classifyWithoutBase(headFindings, new Set(changed.keys()));
  const judged = input.gate.onlyNew ? classified.introduced : headFindings;
  const verdict = changeVerdict(judged, classified.introduced.length, input.gate.failOn);
  const placed = placeFindings(judged, input.headFiles);
  const declined: string[] = [];
  const suggester = suggesterFor(input.head.manifests.resources, input.headFiles, (finding, reason) =>
    declined.push(`no suggestion for ${finding.rule} at ${finding.file}:${finding.line}: ${reason}`),
  );
  // errors first, so the cap on comments bites the warnings
  const inline = input.inline.enabled
    ? planInlineComments(bySeverity(placed), changed, input.inline.posted, suggester, input.inline.max ?? MAX_INLINE_COMMENTS)
    : { comments: [], alreadyPosted: [], outsideDiff: [], overflow: [] };
  const count = inline.comments.reduce((sum, comment) => sum + comment.fingerprints.length, 0);
  const reviewBody = `**Plumbline**: ${count} ${count === 1 ? "finding" : "findings"} on lines this pull request changes.`;
  return { input, classified, verdict, placed, changed, inline, reviewBody, declined };
}
