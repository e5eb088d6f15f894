/**
 * The Markdown the bot writes: pull request and issue bodies, check run summaries. A renderer of a
 * DriftPlan; it computes nothing new. Everything from a manifest or the cluster goes through the
 * project's Markdown escaping, and the WHOLE body, state marker included, fits what GitHub accepts:
 * rows are dropped (never text cut mid-row or inside a code block) and the marker is kept whole.
 */

import { CHECK_RUN_TEXT_CHARACTERS, COMMENT_CHARACTERS } from "../../src/github/limits.js";
import { plural } from "../../src/plural.js";
import { formatTime } from "../../src/report/drift-values.js";
import { hardLimit, rowsThatFit } from "../../src/report/markdown-budget.js";
import { codeSpan, escapeMarkdown } from "../../src/report/markdown-escape.js";
import { type DriftMarker, writeMarker } from "./marker.js";
import type { DriftPlan, PlanRow } from "./plan.js";

export interface BodyContext {
  readonly cluster: string;
  /** default branch and the commit compared */
  readonly branch: string;
  readonly commitSha: string;
  /** where the live state came from, as the live reader names it */
  readonly source: string;
  readonly checkedAt: string;
}

const MAX_PATCH_CHARS = 20_000;
/** fields waiting for the sync named in the body; the rest are counted */
const MAX_PENDING_NAMED = 20;
const TABLE_HEADER = "| Resource | Field | Git → live | Who | When | Suggested action |\n|---|---|---|---|---|---|";
const CUT_NOTE = "… (cut to GitHub's size limit: the full list is in `plumbline drift`)";

export function pullRequestTitle(cluster: string): string {
  return `Write back drift from cluster ${cluster}`;
}

export function issueTitle(cluster: string): string {
  return `Drift in cluster ${cluster}`;
}

export function pullRequestBody(plan: DriftPlan, context: BodyContext, marker: DriftMarker, note?: string): string {
  const intro = [
    `The live state of cluster ${codeSpan(context.cluster)} no longer matches Git. This pull request writes the changes marked "write back to Git" into the manifests, so Git describes what runs.`,
    "Merge it to keep the cluster's state. Close it to keep Git's: revert the cluster instead, and Plumbline will not propose this exact drift again.",
  ];
  return assemble(plan, context, marker, intro, note);
}

export function issueBody(plan: DriftPlan, context: BodyContext, marker: DriftMarker): string {
  const intro = [
    `The live state of cluster ${codeSpan(context.cluster)} no longer matches Git. Write the changes back to the manifests, or revert them in the cluster.`,
    "Plumbline updates this issue while the drift changes and closes it when the cluster matches Git again.",
  ];
  return assemble(plan, context, marker, intro);
}

function assemble(plan: DriftPlan, context: BodyContext, marker: DriftMarker, intro: string[], note?: string): string {
  const head = [
    `## Drift in cluster ${codeSpan(context.cluster)}`,
    ...intro,
    `Compared ${codeSpan(context.branch)} at ${codeSpan(context.commitSha.slice(0, 7))} with ${escapeMarkdown(context.source)} on ${formatTime(context.checkedAt)}.`,
    ...(note ? [`> [!NOTE]\n> ${note}`] : []),
  ];
  const markerText = writeMarker("drift", marker);
  // the body, a blank line, the marker and a final newline: all within the limit
  const body = fitSections(head, plan, COMMENT_CHARACTERS - markerText.length - 3, true);
  return `${body}\n\n${markerText}\n`;
}

/** The check run's summary: the same table and notes, within the Checks API's limit. */
export function checkRunSummary(head: string, plan: DriftPlan): string {
  return fitSections([head], plan, CHECK_RUN_TEXT_CHARACTERS, false);
}

/**
 * Head, table, ignore rules, pending fields, patch and notes, fitted to `limit`: the patch goes
 * first, then rows are dropped from the end of the table, the ignore rules and the notes (in that
 * order of importance kept), each list saying how many it left out.
 */
function fitSections(head: readonly string[], plan: DriftPlan, limit: number, withPatch: boolean): string {
  const rows = plan.rows.map(tableRow);
  const notes = plan.warnings.map((warning) => `- ${escapeMarkdown(warning)}`);
  const compose = (kept: readonly number[], patch: boolean) =>
    [
      ...head,
      listed(TABLE_HEADER, rows, kept[0] ?? 0, (left) => `… and ${left} more`),
      ...(plan.ignoreRules.length > 0 ? [ignoreSection(plan.ignoreRules, kept[1] ?? 0)] : []),
      ...(plan.pendingSync.length > 0 ? [pendingLine(plan.pendingSync)] : []),
      ...(patch && plan.patches.length > 0 ? [patchSection(plan)] : []),
      ...(notes.length > 0 ? [listed("**Notes**\n", notes, kept[2] ?? 0, (left) => `- … and ${left} more`)] : []),
    ].join("\n\n");
  const all = [rows.length, plan.ignoreRules.length, notes.length];
  const whole = compose(all, withPatch);
  if (whole.length <= limit) return whole;
  const withoutPatch = compose(all, false);
  if (withoutPatch.length <= limit) return withoutPatch;
  const tables = [rows, plan.ignoreRules.map((rule) => `    ${rule}`), notes].map((list) => ({ header: "", rows: list }));
  const kept = rowsThatFit(tables, compose([0, 0, 0], false).length, limit);
  // the last resort cuts at a line: only a head longer than the limit gets there
  return hardLimit(compose(kept, false), limit, CUT_NOTE);
}

function listed(header: string, rows: readonly string[], kept: number, more: (left: number) => string): string {
  const lines = [header, ...rows.slice(0, kept)];
  if (kept < rows.length) lines.push(`${kept > 0 ? "\n" : ""}${more(rows.length - kept)}`);
  return lines.join("\n");
}

function tableRow(row: PlanRow): string {
  const values =
    row.secret !== undefined ? escapeMarkdown(row.secret) : `${codeSpan(row.git) || "—"} → ${codeSpan(row.live) || "—"}`;
  const cells = [
    codeSpan(row.resource),
    row.field ? codeSpan(row.field) : "—",
    values,
    row.who ? escapeMarkdown(row.who) : "unknown",
    row.when ? escapeMarkdown(row.when) : "—",
    escapeMarkdown(row.action),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** The table alone, every row: for a comment that has room (tests, short summaries). */
export function driftTable(rows: readonly PlanRow[]): string {
  return `${TABLE_HEADER}\n${rows.map(tableRow).join("\n")}`;
}

function ignoreSection(rules: readonly string[], kept: number): string {
  const lines = rules.slice(0, kept).map((rule) => `    ${rule}`);
  const more =
    kept < rules.length ? `\n\n… and ${plural(rules.length - kept, "more rule")}, in \`plumbline drift\`'s output` : "";
  return [
    "### Ignore rules to add",
    "A controller in the cluster owns these fields; writing its values to Git would only start a tug of war. Add this to `.github/plumbline.yml` instead:",
    `${fenced("yaml", ["drift:", "  ignore:", ...lines].join("\n"))}${more}`,
  ].join("\n\n");
}

function pendingLine(fields: readonly string[]): string {
  const named = fields.slice(0, MAX_PENDING_NAMED).map(codeSpan).join(", ");
  const more = fields.length > MAX_PENDING_NAMED ? ` and ${fields.length - MAX_PENDING_NAMED} more` : "";
  const verb = fields.length === 1 ? "is ahead in Git and waits" : "are ahead in Git and wait";
  return `${plural(fields.length, "field")} ${verb} for the GitOps sync (not drift): ${named}${more}.`;
}

function patchSection(plan: DriftPlan): string {
  let json = JSON.stringify(
    plan.patches.map((patch) => ({ resource: patch.resource, file: patch.file, patch: patch.ops })),
    null,
    2,
  );
  if (json.length > MAX_PATCH_CHARS) json = `${json.slice(0, MAX_PATCH_CHARS)}\n… (cut)`;
  return `<details><summary>RFC 6902 patch (Git → live)</summary>\n\n${fenced("json", json)}\n\n</details>`;
}

/** A fence longer than any run of backticks inside, so a value cannot end the block early. */
function fenced(language: string, text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** A short summary for a check run, a comment or the dashboard. */
export function summaryLine(plan: DriftPlan): string {
  const written = plan.rows.filter((row) => row.written).length;
  return `${plural(plan.driftedResources, "resource")} drifted, ${plural(plan.rows.length, "change")} (${written} to write back, ${plural(plan.ignoreRules.length, "ignore rule")} to add)`;
}
