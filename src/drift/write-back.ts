/**
 * `--write`: the patches that make the Git files say what the cluster holds, for the changes that
 * may be written. Never a deletion of a file or an object, never an extra object, never a Secret
 * value, a server-allocated or immutable field, or a controller's change. Planning and editing are
 * pure text work (src/edit); reading the files is the caller's, writing them is writeEditedFile's.
 */

import type { Operation } from "fast-json-patch";
import { applyPatchesToYaml, type DocumentPatch, EditError, UnsafeWriteError, writeFileAtomic } from "../edit/index.js";
import { sameQuantity } from "../k8s/quantity.js";
import { parsePointer } from "../manifests/pointer.js";
import { removeDefaults } from "./defaults.js";
import { patchFor } from "./patch.js";
import type { Drift, DriftChange, DriftResult } from "./types.js";

export interface SkippedChange {
  readonly drift: Drift;
  readonly change?: DriftChange;
  readonly reason: string;
}

/** One object's changes that may be written, as one patch of its document. */
export interface ObjectPatch {
  readonly drift: Drift;
  readonly file: string;
  readonly patch: DocumentPatch;
  readonly changes: readonly DriftChange[];
}

export interface WritePlan {
  /** patches per Git file, in the order the files were first seen */
  readonly files: Map<string, DocumentPatch[]>;
  /** the same patches object by object, in the order of the drifts */
  readonly objects: ObjectPatch[];
  readonly skipped: SkippedChange[];
  /** changes that will be written */
  readonly written: number;
  /** how many of them each file holds, so a file left unwritten is not counted as written */
  readonly changesPerFile: Map<string, number>;
}

export function planWriteBack(result: DriftResult): WritePlan {
  const files = new Map<string, DocumentPatch[]>();
  const skipped: SkippedChange[] = [];
  const changesPerFile = new Map<string, number>();
  const objects: ObjectPatch[] = [];
  let written = 0;
  for (const drift of result.drifts) {
    if (drift.status === "missing") {
      skipped.push({ drift, reason: "missing from the cluster: Git is not edited to delete it" });
      continue;
    }
    if (drift.status !== "modified" || drift.file === undefined || drift.documentIndex === undefined) continue;
    const writable: DriftChange[] = [];
    const kept: DriftChange[] = [];
    for (const change of drift.changes) {
      if (change.noWrite) skipped.push({ drift, change, reason: change.noWrite });
      else {
        kept.push(change);
        writable.push({ ...change, live: withoutDefaults(drift.kind, change) });
      }
    }
    const ops: Operation[] = patchFor(drift.kind, writable);
    if (ops.length === 0) continue;
    written += writable.length;
    changesPerFile.set(drift.file, (changesPerFile.get(drift.file) ?? 0) + writable.length);
    const target = {
      documentIndex: drift.documentIndex,
      ...(drift.listIndex !== undefined ? { listIndex: drift.listIndex } : {}),
    };
    const patches = files.get(drift.file) ?? [];
    patches.push({ target, ops });
    files.set(drift.file, patches);
    objects.push({ drift, file: drift.file, patch: { target, ops }, changes: kept });
  }
  return { files, objects, skipped, written, changesPerFile };
}

/** A whole map or list from the cluster carries the server's defaults: Git should not grow them. */
function withoutDefaults(kind: string, change: DriftChange): unknown {
  if (change.live === null || typeof change.live !== "object") return change.live;
  const schema = parsePointer(change.path).map((segment) => (/^\d+$/.test(segment) ? "[]" : segment));
  return removeDefaults(kind, change.live, schema);
}

export type FileEdit =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * Applies one file's patches: all of them or, when the edit engine refuses, none. The user's
 * spelling of an equal quantity stays (`1000m` is not rewritten to `1`).
 */
export function editFile(text: string, patches: readonly DocumentPatch[]): FileEdit {
  try {
    const result = applyPatchesToYaml(text, patches, { keepEquivalent: (before, after) => sameQuantity(before, after) });
    return { ok: true, text: result.text, changed: result.changed };
  } catch (error) {
    if (error instanceof EditError) return { ok: false, message: error.message };
    throw error;
  }
}

export type FileWrite = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Writes an edited Git file all at once. Never through a symbolic link, and never into a directory
 * that a link takes outside `root` (the repository): such a file is left as it is, and the message
 * says why. Other I/O errors are the caller's.
 */
export async function writeEditedFile(file: string, text: string, root: string): Promise<FileWrite> {
  try {
    await writeFileAtomic(file, text, { within: root });
    return { ok: true };
  } catch (error) {
    if (error instanceof UnsafeWriteError) return { ok: false, message: error.message };
    throw error;
  }
}
