/**
 * Drift write-back for Helm-rendered objects: a drifted field that one values key sets is written back
 * to that values line (the chart renders the cluster's value again); any other change of a rendered
 * object is reported, never written, since the template is no copy of the object.
 */

import type { Operation } from "fast-json-patch";
import type { ChangeOutcome, WriteBackEdits } from "../drift/edits.js";
import { editFile } from "../drift/write-back.js";
import type { Resource } from "../manifests/resource.js";

const BY_HAND = "rendered by Helm, and no values key sets this field: edit the chart by hand";

export async function withHelmValues(
  edits: WriteBackEdits,
  resources: readonly Resource[],
  read: (file: string) => Promise<string | undefined>,
): Promise<WriteBackEdits> {
  const helm = resources.filter((resource) => resource.renderedBy?.tool === "helm");
  if (helm.length === 0) return edits;
  const perFile = new Map<string, { ops: Operation[]; outcomes: ChangeOutcome[] }>();
  const outcomes = edits.outcomes.map((outcome): ChangeOutcome => {
    const { drift, change } = outcome;
    if (!drift.rendered || !outcome.notWritten?.startsWith("rendered by")) return outcome;
    const resource = helm.find(
      (r) =>
        r.source.file === drift.file &&
        r.source.documentIndex === drift.documentIndex &&
        r.kind === drift.kind &&
        r.name === drift.name,
    );
    if (!resource) return outcome;
    const source = resource.source.valueSource?.(change.path);
    if (!source?.exact || change.live === undefined || change.secret || change.appended)
      return { ...outcome, notWritten: BY_HAND };
    const entry = perFile.get(source.file) ?? { ops: [], outcomes: [] };
    entry.ops.push({ op: "add", path: source.pointer + change.path.slice(source.field.length), value: change.live });
    entry.outcomes.push(outcome);
    perFile.set(source.file, entry);
    return { drift, change };
  });

  const files = [...edits.files];
  const failed = new Map<ChangeOutcome, string>();
  for (const [file, entry] of perFile) {
    const text = await read(file);
    const edit = text === undefined ? undefined : editFile(text, [{ target: { documentIndex: 0 }, ops: entry.ops }]);
    if (!edit?.ok) {
      const reason = edit ? `the values file cannot be edited faithfully (${edit.message})` : "the values file was not found";
      for (const outcome of entry.outcomes) failed.set(outcome, reason);
      continue;
    }
    files.push({ file, text: edit.text, changes: entry.outcomes.length });
  }
  const written = new Set([...perFile.values()].flatMap((entry) => entry.outcomes.map((o) => o.change)));
  const final = outcomes.map((outcome, index) => {
    const original = edits.outcomes[index] as ChangeOutcome;
    const reason = failed.get(original);
    return reason ? { ...outcome, notWritten: reason } : outcome;
  });
  const stillSkipped = new Set(final.filter((o) => o.notWritten !== undefined).map((o) => o.change));
  const skipped = edits.skipped
    .filter((s) => !s.change || !written.has(s.change) || stillSkipped.has(s.change))
    .map((s) => {
      const now = final.find((o) => o.change === s.change);
      return now?.notWritten && s.change ? { ...s, reason: now.notWritten } : s;
    });
  return { ...edits, files, outcomes: final, skipped };
}
