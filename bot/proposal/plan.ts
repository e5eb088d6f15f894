/**
 * What the bot proposes for one cluster's drift: the table a person reviews, the files the pull
 * request rewrites (through src/edit, the one way to edit YAML), and the ignore rules to propose
 * for drift a controller owns. Plain data; GitHub is not involved here.
 */

import type { Operation } from "fast-json-patch";
import { patchFor } from "../../src/drift/patch.js";
import { isSecret } from "../../src/drift/secret-values.js";
import type { Drift, DriftChange, DriftResult } from "../../src/drift/types.js";
import { applyPatchToYaml, EditError } from "../../src/edit/index.js";
import type { Resource } from "../../src/manifests/resource.js";
import { formatOwner, formatTime, formatValue, objectName, suggestedIgnores } from "../../src/report/drift-values.js";
import type { RepoFile } from "../github/repo-files.js";
import { driftFingerprint, isSecretChange } from "./fingerprint.js";

export interface PlanRow {
  readonly resource: string;
  /** the field's readable path, empty for a whole missing or extra object */
  readonly field: string;
  readonly git: string;
  readonly live: string;
  readonly who?: string;
  readonly when?: string;
  readonly action: string;
  /** the pull request's commit carries this change */
  readonly written: boolean;
}

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
  readonly patches: { readonly resource: string; readonly file: string; readonly ops: Operation[] }[];
  /** `drift.ignore` entries (one YAML flow mapping each) for the changes a controller owns */
  readonly ignoreRules: string[];
  /** resource + field of every row, without values: what a "what changed" comment compares */
  readonly items: string[];
  readonly driftedResources: number;
  readonly warnings: string[];
}

const ACTIONS = {
  write: "write back to Git",
  missing: "missing from the cluster: re-apply it, or delete it from Git",
  extra: "only in the cluster: add it to Git, or delete it",
  rendered: "rendered by Kustomize: edit the base or overlay by hand",
  secretFile: "not written: the file holds Secret values",
} as const;

export function planDrift(result: DriftResult, resources: readonly Resource[], files: readonly RepoFile[]): DriftPlan {
  const rows: PlanRow[] = [];
  const byFile = new Map<string, { drift: Drift; changes: DriftChange[] }[]>();
  const secretFiles = filesWithSecretValues(resources);

  for (const drift of result.drifts) {
    const label = objectName(drift);
    if (drift.status !== "modified") {
      rows.push({
        resource: label,
        field: "",
        git: drift.status === "missing" ? "present" : "absent",
        live: drift.status === "missing" ? "absent" : "present",
        action: ACTIONS[drift.status],
        written: false,
      });
      continue;
    }
    const writable: DriftChange[] = [];
    for (const change of drift.changes) {
      const reason = whyNotWritten(drift, change, secretFiles);
      if (reason === undefined) writable.push(change);
      rows.push({ ...changeCells(drift, change), action: reason ?? ACTIONS.write, written: reason === undefined });
    }
    if (writable.length > 0 && drift.file !== undefined) {
      const list = byFile.get(drift.file) ?? [];
      list.push({ drift, changes: writable });
      byFile.set(drift.file, list);
    }
  }

  const { edits, patches, failed, warnings } = editFiles(byFile, resources, files);
  // a change the edit engine could not write faithfully is reported, not written
  const finalRows = rows.map((row) => {
    const reason = row.written ? failed.get(rowKey(row.resource, row.field)) : undefined;
    return reason ? { ...row, action: reason, written: false } : row;
  });
  return {
    fingerprint: driftFingerprint(result.drifts),
    rows: finalRows,
    edits,
    patches,
    ignoreRules: suggestedIgnores(result.drifts),
    items: finalRows.map((row) => (row.field ? `${row.resource} ${row.field}` : row.resource)),
    driftedResources: result.drifts.length,
    warnings,
  };
}

function rowKey(resource: string, field: string): string {
  return `${resource}\u0000${field}`;
}

function whyNotWritten(drift: Drift, change: DriftChange, secretFiles: ReadonlySet<string>): string | undefined {
  if (change.suggestIgnore) return `owned by ${change.owner?.manager ?? "a controller"}: add the ignore rule below`;
  if (change.noWrite) return `not written: ${change.noWrite}`;
  if (drift.rendered) return ACTIONS.rendered;
  if (drift.file === undefined) return "not written: no file declares it";
  if (secretFiles.has(drift.file)) return ACTIONS.secretFile;
  return undefined;
}

function changeCells(drift: Drift, change: DriftChange): Omit<PlanRow, "action" | "written"> {
  const secret = isSecretChange(drift, change);
  return {
    resource: objectName(drift),
    field: change.display,
    git: secret ? secretCell(change.git) : formatValue(change.git),
    live: secret ? secretCell(change.live) : formatValue(change.live),
    ...(change.owner ? { who: formatOwner(change.owner) } : {}),
    ...(change.owner?.time ? { when: formatTime(change.owner.time) } : {}),
  };
}

/** A Secret value is never shown, only that it changed and the run's fingerprint of it. */
function secretCell(value: unknown): string {
  if (value === undefined) return "(absent)";
  // a map or list here holds fingerprints and references (a secretKeyRef), never values
  return `changed (${typeof value === "string" ? value : JSON.stringify(value)})`;
}

/**
 * A file that carries Secret values is never re-uploaded, even when another document in it
 * drifted: the blob would put those values in a request.
 */
function filesWithSecretValues(resources: readonly Resource[]): Set<string> {
  const files = new Set<string>();
  for (const resource of resources) {
    if (!isSecret(resource.object)) continue;
    const { data, stringData } = resource.object as { data?: unknown; stringData?: unknown };
    if (hasValues(data) || hasValues(stringData)) files.add(resource.source.file);
  }
  return files;
}

function hasValues(values: unknown): boolean {
  return values !== null && typeof values === "object" && Object.values(values).some((value) => value !== "" && value !== null);
}

function editFiles(
  byFile: ReadonlyMap<string, { drift: Drift; changes: DriftChange[] }[]>,
  resources: readonly Resource[],
  files: readonly RepoFile[],
): { edits: FileEdit[]; patches: DriftPlan["patches"]; failed: Map<string, string>; warnings: string[] } {
  const edits: FileEdit[] = [];
  const patches: { resource: string; file: string; ops: Operation[] }[] = [];
  const failed = new Map<string, string>();
  const warnings: string[] = [];
  for (const [path, entries] of byFile) {
    const file = files.find((candidate) => candidate.path === path);
    if (!file) continue;
    let text = file.text;
    for (const { drift, changes } of entries) {
      const ops = patchFor(drift.kind, changes);
      const resource = resources.find(
        (candidate) =>
          candidate.source.file === path &&
          candidate.source.documentIndex === drift.documentIndex &&
          candidate.kind === drift.kind &&
          candidate.name === drift.name,
      );
      const fail = (reason: string) => {
        for (const change of changes) failed.set(rowKey(objectName(drift), change.display), `not written: ${reason}`);
        warnings.push(`${path}: ${objectName(drift)} not written back: ${reason}`);
      };
      if (!resource || ops.length === 0) {
        fail("the document was not found");
        continue;
      }
      try {
        const target = {
          documentIndex: resource.source.documentIndex,
          ...(resource.source.listIndex !== undefined ? { listIndex: resource.source.listIndex } : {}),
        };
        text = applyPatchToYaml(text, target, ops).text;
        patches.push({ resource: objectName(drift), file: path, ops });
      } catch (error) {
        if (!(error instanceof EditError)) throw error;
        fail(`the YAML cannot be edited faithfully (${error.message})`);
      }
    }
    if (text !== file.text) edits.push({ path, mode: file.mode, text });
  }
  return { edits, patches, failed, warnings };
}
