/**
 * Drift detection: what Git declares against what a cluster holds, who changed each field, and the
 * edits that write the cluster's state back to Git. Doors run the whole pipeline:
 *
 *     const run = await runDrift({ git, source, compare: { config }, write: {} });   // pipeline/
 *     // load Git → scope → kinds → live read (src/live/sources/) → compare → planEdits → edits
 *
 * or its steps: detectDrift (compare.ts), planWriteBack (patches, pure), planEdits (edited texts).
 */

export type { ManagerOverrides } from "./actors.js";
export { type DriftOptions, detectDrift } from "./compare.js";
export { configIgnoreRules, type DriftCluster, type DriftConfig, type DriftIgnoreEntry, readDriftConfig } from "./config.js";
export { type ChangeOutcome, type EditedFile, planEdits, type WriteBackEdits, type WriteBackOptions } from "./edits.js";
export { type DriftRequest, type DriftRun, type GitTree, runDrift } from "./pipeline/index.js";
export type { Actor, Drift, DriftChange, DriftResult, DriftStatus, DriftSummary, FieldOwner } from "./types.js";
export { editFile, type FileEdit, planWriteBack, type SkippedChange, type WritePlan } from "./write-back.js";
