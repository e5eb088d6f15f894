/** `plumbline drift` for a terminal: each object, then each field as Git → live, who and when. */

import { styleText } from "node:util";
import type { Drift, DriftResult } from "../drift/types.js";
import { plural } from "../plural.js";
import {
  changeVerb,
  formatOwner,
  formatTime,
  formatValue,
  isSecretValue,
  objectName,
  pendingFields,
  secretChangeText,
  suggestedIgnores,
} from "./drift-values.js";
import { printable } from "./text.js";

type Style = Parameters<typeof styleText>[0];

const STATUS_STYLE: Record<Drift["status"], Style> = { modified: "yellow", missing: "red", extra: "magenta" };

export function renderDriftText(
  result: DriftResult,
  options: { readonly color: boolean; readonly fingerprints?: boolean },
): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const lines: string[] = [];
  for (const drift of result.drifts) {
    const where = drift.file ? `  ${drift.file}${drift.line ? `:${drift.line}` : ""}` : "";
    lines.push(
      `${paint("bold", printable(objectName(drift)))}  ${paint(STATUS_STYLE[drift.status], drift.status)}${paint("dim", printable(where))}`,
    );
    if (drift.status === "missing") lines.push("  declared in Git, not in the cluster");
    if (drift.status === "extra") lines.push("  in the cluster, not in Git");
    for (const change of drift.changes) {
      const verb = changeVerb(change);
      const values = isSecretValue(change)
        ? secretChangeText(change, options.fingerprints === true)
        : verb === "added"
          ? `(not in Git) → ${formatValue(change.live)}`
          : verb === "removed"
            ? `${formatValue(change.git)} → (absent)`
            : `${formatValue(change.git)} → ${formatValue(change.live)}`;
      lines.push(`  ${paint("cyan", printable(change.display))}  ${printable(values)}`);
      const who = change.owner
        ? `by ${formatOwner(change.owner)}${change.owner.time ? ` on ${formatTime(change.owner.time)}` : ""}`
        : change.unattributed
          ? "by an unknown actor (no person's update of its parent in managedFields)"
          : "by an unknown actor (no managedFields)";
      const note = change.noWrite ? `; not written back: ${change.noWrite}` : "";
      lines.push(paint("dim", `      ${printable(who + note)}`));
    }
    lines.push("");
  }
  const ignores = suggestedIgnores(result.drifts);
  if (ignores.length > 0) {
    lines.push(
      "Changes made by controllers belong in an ignore rule (drift.ignore in .github/plumbline.yml):",
      ...ignores.map((l) => `  ${printable(l)}`),
      "",
    );
  }
  const pending = pendingFields(result);
  if (pending.length > NAMED_IN_TALLY) {
    lines.push("Ahead in Git, waiting for the GitOps sync (not drift):", ...pending.map((field) => `  ${printable(field)}`), "");
  }
  for (const warning of result.warnings) lines.push(paint("yellow", `warning: ${printable(warning)}`));
  if (result.warnings.length > 0) lines.push("");
  lines.push(paint("bold", tally(result)));
  return `${lines.join("\n")}\n`;
}

/** Fields waiting for the sync are named in the closing line up to this many, else listed above it. */
const NAMED_IN_TALLY = 3;

function tally(result: DriftResult): string {
  const { summary } = result;
  const against = `against ${summary.source}`;
  const fields = pendingFields(result);
  const named = fields.length > NAMED_IN_TALLY ? "listed above" : printable(fields.join(", "));
  const pending =
    summary.pendingSync > 0
      ? ` ${plural(summary.pendingSync, "field")} ${summary.pendingSync === 1 ? "waits" : "wait"} for the GitOps sync (Git is ahead)${fields.length > 0 ? `: ${named}` : ""}.`
      : "";
  if (summary.modified + summary.missing + summary.extra === 0) {
    return `No drift: ${summary.inSync} of ${summary.git} objects in sync ${against}.${pending}`;
  }
  return (
    `Drift ${against}: ${summary.modified} modified (${plural(summary.changes, "field")}), ` +
    `${summary.missing} missing, ${summary.extra} extra; ${summary.inSync} in sync.${pending}`
  );
}
