/**
 * The Markdown the bot writes: pull request and issue bodies, check run summaries. A renderer of a
 * DriftPlan; it computes nothing new. Everything from a manifest or the cluster goes through the
 * project's Markdown escaping, and a body never exceeds what GitHub accepts.
 */

import { plural } from "../../src/plural.js";
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

/** GitHub refuses bodies over 65,536 characters; the marker and the notes need some room. */
const BODY_BUDGET = 60_000;
const MAX_ROWS = 150;
const MAX_PATCH_CHARS = 20_000;

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
  const parts = [
    `## Drift in cluster ${codeSpan(context.cluster)}`,
    ...intro,
    `Compared ${codeSpan(context.branch)} at ${codeSpan(context.commitSha.slice(0, 7))} with ${escapeMarkdown(context.source)} on ${context.checkedAt}.`,
    ...(note ? [`> [!NOTE]\n> ${note}`] : []),
    driftTable(plan.rows),
    ...(plan.ignoreRules.length > 0 ? [ignoreSection(plan.ignoreRules)] : []),
    ...(plan.patches.length > 0 ? [patchSection(plan)] : []),
    ...(plan.warnings.length > 0
      ? [`**Notes**\n\n${plan.warnings.map((warning) => `- ${escapeMarkdown(warning)}`).join("\n")}`]
      : []),
  ];
  let body = parts.join("\n\n");
  if (body.length > BODY_BUDGET)
    body = `${body.slice(0, BODY_BUDGET)}\n\n… (cut: the full list is in the check run and \`plumbline drift\`)`;
  return `${body}\n\n${writeMarker("drift", marker)}\n`;
}

export function driftTable(rows: readonly PlanRow[]): string {
  const header = "| Resource | Field | Git → live | Who | When | Suggested action |\n|---|---|---|---|---|---|";
  const lines = rows
    .slice(0, MAX_ROWS)
    .map((row) =>
      [
        codeSpan(row.resource),
        row.field ? codeSpan(row.field) : "—",
        `${codeSpan(row.git) || "—"} → ${codeSpan(row.live) || "—"}`,
        row.who ? escapeMarkdown(row.who) : "unknown",
        row.when ? escapeMarkdown(row.when) : "—",
        escapeMarkdown(row.action),
      ].join(" | "),
    );
  const more = rows.length > MAX_ROWS ? `\n\n… and ${rows.length - MAX_ROWS} more` : "";
  return `${header}\n${lines.map((line) => `| ${line} |`).join("\n")}${more}`;
}

function ignoreSection(rules: readonly string[]): string {
  const yaml = ["drift:", "  ignore:", ...rules.map((rule) => `    ${rule}`)].join("\n");
  return [
    "### Ignore rules to add",
    "A controller in the cluster owns these fields; writing its values to Git would only start a tug of war. Add this to `.github/plumbline.yml` instead:",
    fenced("yaml", yaml),
  ].join("\n\n");
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
