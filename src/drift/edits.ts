/**
 * The one write-back planner every door uses (`drift --write`, the bot's pull request): from a drift
 * result and the Git files' text to the edited texts and, for every change, whether it is written
 * and why not. Pure text work; reading files is the `read` callback's, writing them the door's.
 *
 * Each object's patch is applied on its own, in order, to its file's text: an object the edit
 * engine cannot write faithfully (an anchor others alias) is reported and left as it is, and the
 * other objects of the file are still written. Equal quantities keep the file's spelling
 * (`1000m` is not rewritten to `1`).
 */

import type { Operation } from "fast-json-patch";
import type { Drift, DriftChange, DriftResult } from "./types.js";
import { editFile, planWriteBack, type SkippedChange } from "./write-back.js";

/** The start of the reason given for an object the edit engine could not write faithfully. */
export const UNEDITABLE = "the YAML cannot be edited faithfully";

export interface WriteBackOptions {
  /**
   * Files that must not be edited, with the reason. The bot leaves files that hold Secret values:
   * uploading such a file would put those values in a request. A local `drift --write` has no such
   * limit.
   */
  readonly untouchable?: ReadonlyMap<string, string>;
}

export interface ChangeOutcome {
  readonly drift: Drift;
  readonly change: DriftChange;
  /** why the change is not written; absent when it is */
  readonly notWritten?: string;
}

export interface EditedFile {
  readonly file: string;
  /** the whole new text of the file */
  readonly text: string;
  /** changes it carries */
  readonly changes: number;
}

export interface AppliedPatch {
  readonly drift: Drift;
  readonly file: string;
  readonly ops: readonly Operation[];
}

export interface WriteBackEdits {
  /** files whose text changed, in the order the drifts name them */
  readonly files: EditedFile[];
  /** every change of every modified object, in the result's order */
  readonly outcomes: ChangeOutcome[];
  /** what is not written, objects missing from the cluster included: what a door lists */
  readonly skipped: SkippedChange[];
  /** the RFC 6902 patches behind `files`, object by object */
  readonly applied: AppliedPatch[];
  /** objects left unwritten because their file could not be edited faithfully, with why */
  readonly failures: { readonly file: string; readonly drift: Drift; readonly message: string }[];
}

export async function planEdits(
  result: DriftResult,
  read: (file: string) => Promise<string | undefined>,
  options: WriteBackOptions = {},
): Promise<WriteBackEdits> {
  const plan = planWriteBack(result);
  const notWritten = new Map<DriftChange, string>();
  for (const { change, reason } of plan.skipped) if (change) notWritten.set(change, reason);
  const skipped: SkippedChange[] = [...plan.skipped];
  const failures: WriteBackEdits["failures"][number][] = [];
  const applied: AppliedPatch[] = [];
  const texts = new Map<string, { original: string; text: string; changes: number }>();
  const unreadable = new Set<string>();

  for (const object of plan.objects) {
    const refuse = (reason: string) => {
      for (const change of object.changes) {
        notWritten.set(change, reason);
        skipped.push({ drift: object.drift, change, reason });
      }
    };
    const untouchable = options.untouchable?.get(object.file);
    if (untouchable !== undefined) {
      refuse(untouchable);
      continue;
    }
    let entry = texts.get(object.file);
    if (!entry && !unreadable.has(object.file)) {
      const original = await read(object.file);
      if (original === undefined) unreadable.add(object.file);
      else {
        entry = { original, text: original, changes: 0 };
        texts.set(object.file, entry);
      }
    }
    if (!entry) {
      refuse("the file was not found");
      continue;
    }
    const edit = editFile(entry.text, [object.patch]);
    if (!edit.ok) {
      failures.push({ file: object.file, drift: object.drift, message: edit.message });
      refuse(`${UNEDITABLE} (${edit.message})`);
      continue;
    }
    entry.text = edit.text;
    entry.changes += object.changes.length;
    applied.push({ drift: object.drift, file: object.file, ops: object.patch.ops });
  }

  const outcomes: ChangeOutcome[] = [];
  for (const drift of result.drifts) {
    if (drift.status !== "modified") continue;
    for (const change of drift.changes) {
      const reason = notWritten.get(change) ?? (drift.file === undefined ? "no file declares it" : undefined);
      outcomes.push(reason === undefined ? { drift, change } : { drift, change, notWritten: reason });
    }
  }
  const files = [...texts].flatMap(([file, entry]) =>
    entry.text === entry.original ? [] : [{ file, text: entry.text, changes: entry.changes }],
  );
  return { files, outcomes, skipped, applied, failures };
}
