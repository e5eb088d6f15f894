import { SEVERITIES, type Severity } from "../../findings/finding.js";
import { plural } from "../../plural.js";
import { codeSpan, escapeMarkdown, severityCounts } from "../../report/markdown.js";
import { TOOL } from "../../report/tool.js";
import type { ConfigChange } from "../analyse/gate-config.js";
import { MAX_INLINE_COMMENTS } from "../inline/plan.js";
import { shortSha } from "./links.js";
import type { PullRequestReport } from "./report-data.js";
import { scoreChange } from "./score.js";

/** The title, the score, the counts, the gate, and what the reader must know before the tables. */
export function headline(report: PullRequestReport): string[] {
  const { introduced, fixed, existing } = report.classified;
  const icon = report.failing.length > 0 ? "🔴" : introduced.length > 0 ? "🟡" : "✅";
  const title = introduced.length > 0 ? plural(introduced.length, "new finding") : "no new findings";
  const lines = [`### ${icon} Plumbline: ${title}`, ""];
  const score = scoreChange(report.head, report.base);
  if (score) lines.push(`**${capitalise(score)}**`, "");
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, introduced.filter((f) => f.severity === s).length]));
  lines.push(
    `**${introduced.length} new** (${severityCounts(counts as Record<Severity, number>)}) · **${fixed.length} fixed** · ${existing.length} already there`,
    "",
    gateLine(report),
    "",
  );
  if (!report.base) {
    lines.push(
      "> [!WARNING]",
      "> The base revision could not be read, so every finding in a changed file counts as new. Check out with `fetch-depth: 0` to compare properly.",
      ...(report.configSource === "defaults"
        ? [">", "> Its configuration could not be read either: this pull request is judged under Plumbline's defaults."]
        : []),
      "",
    );
  }
  if (report.configChange) lines.push(...configChangeNote(report.configChange), "");
  return lines;
}

/** A pull request that edits the configuration is told that its edit does not judge it. */
function configChangeNote(change: ConfigChange): string[] {
  const verb = change.how === "added" ? "adds" : change.how === "removed" ? "removes" : "changes";
  const lines = [
    "> [!NOTE]",
    `> This pull request ${verb} Plumbline's configuration (${codeSpan(change.file)}); it takes effect after merge. Its findings are judged under the base branch's configuration.`,
  ];
  return lines;
}

function gateLine(report: PullRequestReport): string {
  if (report.failOn === "none") return "The gate is off (`fail-on: none`).";
  const which = report.onlyNew ? "new finding" : "finding";
  if (report.failing.length === 0) return `✅ Passes: no ${which} at or above \`${report.failOn}\`.`;
  return `❌ Fails: ${plural(report.failing.length, which)} at or above \`${report.failOn}\`.`;
}

export function footer(report: PullRequestReport): string {
  const run = report.links.run ? ` · [workflow run](${report.links.run})` : "";
  const base = report.base ? `compared ${shortSha(report.baseSha)} (base) with` : "checked";
  return `<sub>${TOOL.name} ${escapeMarkdown(TOOL.version)} · ${base} ${shortSha(report.headSha)} (head), Kubernetes ${escapeMarkdown(report.head.kubernetesVersion)}${run}</sub>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where the new findings went, each counted once: commented inline, or annotated on the diff
 * instead, and why (the diff does not show its line, or the review already holds its maximum).
 */
export function placementNote(report: PullRequestReport): string {
  const { introduced } = report.classified;
  const others = introduced.filter((f) => !report.inline.has(f.fingerprint));
  const inline = introduced.length - others.length;
  if (others.length === 0) return "Each of them is commented inline on the diff.";
  const outside = others.filter((f) => report.outsideDiff.has(f.fingerprint)).length;
  const overflow = others.filter((f) => !report.outsideDiff.has(f.fingerprint) && report.overflow?.has(f.fingerprint)).length;
  const rest = others.length - outside - overflow;
  const reasons = [
    outside > 0 ? `${outside} on lines this pull request does not change` : "",
    overflow > 0 ? `${overflow} past the ${report.inlineCap ?? MAX_INLINE_COMMENTS} inline comments a review holds` : "",
    rest > 0 ? `${rest} without an inline comment` : "",
  ].filter(Boolean);
  const verb = (count: number) => (count === 1 ? "is" : "are");
  if (inline === 0) {
    const subject = others.length === 1 ? "it is" : "they are";
    return `None of them is commented inline: ${subject} annotated instead (${reasons.join("; ")}).`;
  }
  return `Of these, ${inline} ${verb(inline)} commented inline on the diff; the other ${others.length} ${verb(others.length)} annotated instead (${reasons.join("; ")}).`;
}
