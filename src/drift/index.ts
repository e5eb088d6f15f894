/**
 * Drift detection: what Git declares against what a cluster holds, who changed each field, and the
 * patches that write the cluster's state back to Git.
 *
 *     const live = await readLiveState(source, wanted);          // src/live
 *     const result = detectDrift(resources, live, { config });   // modified / missing / extra
 *     const plan = planWriteBack(result);                        // per-file patches, and what is never written
 *     const edit = editFile(text, plan.files.get(file) ?? []);   // src/edit, all or nothing
 */

export type { ManagerOverrides } from "./actors.js";
export { type DriftOptions, detectDrift } from "./compare.js";
export { configIgnoreRules, type DriftCluster, type DriftConfig, type DriftIgnoreEntry, readDriftConfig } from "./config.js";
export type { Actor, Drift, DriftChange, DriftResult, DriftStatus, DriftSummary, FieldOwner } from "./types.js";
export { editFile, type FileEdit, planWriteBack, type SkippedChange, type WritePlan } from "./write-back.js";
