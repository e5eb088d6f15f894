/** `plumbline drift --format markdown`: what a reviewer reads in a PR body or a job summary. */

import type { Drift, DriftResult } from "../drift/types.js";
import { plural } from "../plural.js";
import {
  changeVerb,
  formatOwner,
  formatTime,
  formatValue,
  isSecretValue,
  pendingFields,
  secretChangeText,
  suggestedIgnores,
} from "./drift-values.js";
import { codeSpan, escapeMarkdown } from "./markdown-escape.js";

const STATUS_ICON: Record<Drift["status"], string> = { modified: "✏️", missing: "➖", extra: "➕" };

export function renderDriftMarkdown(
  result: DriftResult,
  options: { readonly title?: string; readonly fingerprints?: boolean } = {},
): string {
  const { summary } = result;
  const lines = [`### ${escapeMarkdown(options.title ?? "Drift between Git and the cluster")}`, ""];
  lines.push(
    `Compared with ${codeSpan(summary.source)}: **${summary.modified} modified**, **${summary.missing} missing**, ` +
      `**${summary.extra} extra**, ${summary.inSync} in sync.`,
  );
  if (summary.pendingSync > 0) {
    const fields = pendingFields(result);
    lines.push(
      "",
      `${plural(summary.pendingSync, "field")} ${summary.pendingSync === 1 ? "is" : "are"} ahead in Git and ${summary.pendingSync === 1 ? "waits" : "wait"} for the GitOps sync; not drift${fields.length > 0 ? `: ${fields.map(codeSpan).join(", ")}` : ""}.`,
    );
  }
  for (const drift of result.drifts) {
    lines.push(
      "",
      `#### ${STATUS_ICON[drift.status]} ${escapeMarkdown(drift.kind)} ${codeSpan(drift.namespace ? `${drift.namespace}/${drift.name}` : drift.name)} — ${drift.status}`,
    );
    if (drift.file) lines.push("", `In ${codeSpan(`${drift.file}${drift.line ? `:${drift.line}` : ""}`)}.`);
    if (drift.status === "missing") lines.push("", "Declared in Git, not in the cluster.");
    if (drift.status === "extra") lines.push("", "In the cluster, not in Git.");
    if (drift.changes.length === 0) continue;
    lines.push("", "| Field | Git | Cluster | Changed by | When |", "| --- | --- | --- | --- | --- |");
    for (const change of drift.changes) {
      const verb = changeVerb(change);
      const secret = isSecretValue(change);
      const cells = [
        codeSpan(change.display),
        verb === "added" ? "_not in Git_" : secret ? "_secret_" : codeSpan(formatValue(change.git, 60)),
        verb === "removed"
          ? "_absent_"
          : secret
            ? escapeMarkdown(secretChangeText(change, options.fingerprints === true))
            : codeSpan(formatValue(change.live, 60)),
        escapeMarkdown(formatOwner(change.owner)) +
          (change.noWrite ? `<br>${escapeMarkdown(`not written back: ${change.noWrite}`)}` : ""),
        escapeMarkdown(formatTime(change.owner?.time)),
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  const ignores = suggestedIgnores(result.drifts);
  if (ignores.length > 0) {
    lines.push(
      "",
      "Changes made by controllers belong in an ignore rule in `.github/plumbline.yml`:",
      "",
      "```yaml",
      "drift:",
      "  ignore:",
    );
    for (const line of ignores) lines.push(`    ${line.replaceAll("`", "'")}`);
    lines.push("```");
  }
  if (result.warnings.length > 0) {
    lines.push("", "<details><summary>Not compared</summary>", "");
    for (const warning of result.warnings) lines.push(`- ${escapeMarkdown(warning)}`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
