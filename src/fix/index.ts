/** Fixes: findings' JSON Patches merged per object and applied to the YAML through the one edit engine. */
export { applyFileFix, type FailedFix, type FileFixResult } from "./apply.js";
export { type FixedFile, type FixFilesOptions, type FixOutcome, fixFiles } from "./fix-files.js";
export { type MergeResult, mergeChanges } from "./merge.js";
export { minimalPatch } from "./object-patch.js";
export {
  type FileFix,
  type FixPlan,
  isSafeFix,
  mergeFixes,
  type ObjectFix,
  type PlanOptions,
  planFixes,
  type SkippedFix,
} from "./plan.js";
export { fixSummary } from "./summary.js";
export { unifiedDiff } from "./unified-diff.js";
