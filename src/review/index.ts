/**
 * Reviewing a change, for any forge. The folders follow the flow:
 *   analyse/      read the configuration that judges the change, run the core on each revision
 *   diff/         which files and lines the change touches
 *   compare/      new, fixed and unchanged findings
 *   gate/         the verdict
 *   inline/       which findings become inline comments, with which suggested changes
 *   summary/      the sticky summary, the check's text, the job summary
 *   annotations/  line annotations
 * review-change.ts and summarise-change.ts put them together; review-tree.ts does the same for a
 * whole tree. Nothing here talks to a forge: a door (action/ for GitHub) reads, posts and reports.
 */
export { type AnalysisOptions, analyseBase, analyseTree, type ConfigLocation, readConfig } from "./analyse/analyse.js";
export { type ConfigChange, type GateConfig, gateConfig } from "./analyse/gate-config.js";
export { annotationFor, placeFindings, type ReviewAnnotation } from "./annotations/annotations.js";
export { type Classified, classify, classifyWithoutBase } from "./compare/classify.js";
export type { ChangedFile } from "./diff/changed-file.js";
export { parseGitDiff } from "./diff/git-diff.js";
export { type Hunk, hunkAt, inOneHunk, parseHunks } from "./diff/hunks.js";
export {
  changeVerdict,
  type FailOn,
  failing,
  type GateVerdict,
  gateHeadline,
  resolveFailOn,
  treeVerdict,
} from "./gate/verdict.js";
export { commentBody, suggestionBlock, suggestionHeading } from "./inline/body.js";
export { findingMarker, postedFingerprints } from "./inline/markers.js";
export { type InlineComment, type InlinePlan, MAX_INLINE_COMMENTS, planInlineComments, type Suggestion } from "./inline/plan.js";
export { type FixSuggestion, type HeadTexts, type Suggester, suggesterFor } from "./inline/suggestions.js";
export { type ChangeInput, type ChangePlan, type GateSettings, type InlineSettings, planChange } from "./review-change.js";
export { planTree, type TreePlan } from "./review-tree.js";
export { type ChangeSummary, type SummaryLimits, summariseChange } from "./summarise-change.js";
export { encodedCodeLink, type ReviewLinks, shortSha } from "./summary/links.js";
export { type PullRequestReport, renderPullRequestReport, STICKY_MARKER } from "./summary/report.js";
export { readinessScore, scoreChange } from "./summary/score.js";
export { breakable, bySeverity, ROLL_UP_FROM, rollUp, TABLE_HEADER } from "./summary/table.js";
export { fittedMarkdown } from "./summary/tree-report.js";
