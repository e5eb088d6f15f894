/**
 * What the bot proposes for one cluster's drift: the table a person reviews, the files the pull
 * request rewrites and the ignore rules to propose for drift a controller owns. The edits come
 * from the core's one write-back planner (src/drift/edits.ts), the same that `plumbline drift
 * --write` uses, so both write the same bytes. Plain data; GitHub is not involved here.
 */

import type { Operation } from "fast-json-patch";
import type { WriteBackEdits } from "../../src/drift/edits.js";
import type { Drift, DriftChange, DriftResult } from "../../src/drift/types.js";
import {
  formatOwner,
  formatTime,
  formatValue,
  objectName,
  pendingFields,
  secretChangeText,
  secretKey,
  suggestedIgnores,
} from "../../src/report/drift-values.js";
import { driftFingerprint, isSecretChange } from "./fingerprint.js";

export interface PlanRow {
  readonly resource: string;
  /** the field's readable path, empty for a whole missing or extra object */
  readonly field: string;
  readonly git: string;
  readonly live: string;
  /** set for a Secret value (or a credential env var): the one cell that says what happened, by key */
  readonly secret?: string;
  readonly who?: string;
  readonly when?: string;
  readonly action: string;
  /** the pull request's commit carries this change */
  readonly written: boolean;
}

/** A Git file the pull request rewrites; its mode is the repository's. */
export interface FileEdit {
  readonly path: string;
  readonly mode: string;
  readonly text: string;
}

export interface DriftPlan {
  readonly fingerprint: string;
  readonly rows: PlanRow[];
  readonly edits: FileEdit[];
  /** the RFC 6902 operations behind `edits`, per resource, for the collapsed section of the body */
  readonly patches: { readonly resource: string; readonly file: string; readonly ops: readonly Operation[] }[];
  /** `drift.ignore` entries (one YAML flow mapping each) for the changes a controller owns */
  readonly ignoreRules: string[];
  /** resource + field of every row, without values: what a "what changed" comment compares */
  readonly items: string[];
  readonly driftedResources: number;
  /** `Deployment shop/web spec.replicas`: fields Git is ahead on, that the GitOps sync will apply */
  readonly pendingSync: string[];
  readonly warnings: string[];
}

const ACTIONS = {
  write: "write back to Git",
  missing: "missing from the cluster: re-apply it, or delete it from Git",
  extra: "only in the cluster: add it to Git, or delete it",
} as const;

/** `modes` gives each Git file's mode (`100644`, `100755`): the commit keeps it. */
export function planDrift(result: DriftResult, edits: WriteBackEdits, modes: ReadonlyMap<string, string>): DriftPlan {
  const rows: PlanRow[] = [];
  const outcomes = new Map(edits.outcomes.map((outcome) => [outcome.change, outcome.notWritten]));
  for (const drift of result.drifts) {
    if (drift.status !== "modified") {
      rows.push({
        resource: objectName(drift),
        field: "",
        git: drift.status === "missing" ? "present" : "absent",
        live: drift.status === "missing" ? "absent" : "present",
        action: ACTIONS[drift.status],
        written: false,
      });
      continue;
    }
    for (const change of drift.changes) {
      const reason = outcomes.get(change);
      rows.push({ ...changeCells(drift, change), action: actionFor(change, reason), written: reason === undefined });
    }
  }
  return {
    fingerprint: driftFingerprint(result.drifts),
    rows,
    edits: edits.files.map((file) => ({ path: file.file, mode: modes.get(file.file) ?? "100644", text: file.text })),
    patches: edits.applied.map((patch) => ({ resource: objectName(patch.drift), file: patch.file, ops: patch.ops })),
    ignoreRules: suggestedIgnores(result.drifts),
    items: rows.map((row) => (row.field ? `${row.resource} ${row.field}` : row.resource)),
    driftedResources: result.drifts.length,
    pendingSync: pendingFields(result),
    warnings: edits.failures.map(
      ({ file, drift, message }) =>
        `${file}: ${objectName(drift)} not written back: the YAML cannot be edited faithfully (${message})`,
    ),
  };
}

function actionFor(change: DriftChange, reason: string | undefined): string {
  if (reason === undefined) return ACTIONS.write;
  if (change.suggestIgnore) return `owned by ${change.owner?.manager ?? "a controller"}: add the ignore rule below`;
  return `not written: ${reason}`;
}

function changeCells(drift: Drift, change: DriftChange): Omit<PlanRow, "action" | "written"> {
  const secret = isSecretChange(drift, change);
  return {
    resource: objectName(drift),
    field: change.display,
    git: secret ? "" : formatValue(change.git),
    live: secret ? "" : formatValue(change.live),
    // the bot's fingerprints are keyed for it alone: a reader can do nothing with them
    ...(secret ? { secret: `${secretKey(change)}: ${secretChangeText(change, false)}` } : {}),
    ...(change.owner ? { who: formatOwner(change.owner) } : {}),
    ...(change.owner?.time ? { when: formatTime(change.owner.time) } : {}),
  };
}
