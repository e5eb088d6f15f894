import { type Finding, SEVERITIES, severityRank } from "../../findings/finding.js";
import { plural } from "../../plural.js";
import { escapeMarkdown, resourceName, severityLabel } from "../../report/markdown.js";
import type { BudgetTable } from "../../report/markdown-budget.js";
import { docsUrl } from "../../rules/docs-url.js";
import { encodeParentheses, type ReviewLinks } from "./links.js";

/**
 * Three narrow columns, so the table fits GitHub's ~820 px comment without scrolling sideways: the
 * severity; the location, a link whose text may wrap at each `/`; and the finding, naming its object,
 * then the message, then the rule as a link to its page.
 */
export const TABLE_HEADER = "| Severity | Location | Finding |\n| --- | --- | --- |";

/** A run of text longer than this without a space gets break opportunities after its punctuation. */
const LONG_RUN = 24;

export function findingRow(links: ReviewLinks, finding: Finding, sha: string): string {
  const object = resourceName(finding.resource);
  const cells = [
    severityLabel(finding.severity),
    `[${breakable(escapeMarkdown(`${finding.file}:${finding.line}`))}](${encodeParentheses(links.file(sha, finding.file, finding.line))})`,
    [object ? `**${breakable(escapeMarkdown(object))}**` : "", breakable(escapeMarkdown(finding.message)), ruleLink(finding.rule)]
      .filter(Boolean)
      .join(" · "),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** The rule id as a link to its page: plain text, so a long id can wrap at its hyphens. */
export function ruleLink(rule: string): string {
  return `[${escapeMarkdown(rule)}](${encodeParentheses(encodeURI(docsUrl(rule)))})`;
}

/**
 * `<wbr>` (which GitHub keeps) after each `/` of escaped text, and after `.`, `:`, `=` and `,` in a
 * long run without spaces: a path or an image name then wraps instead of widening the table.
 */
export function breakable(escaped: string): string {
  return escaped
    .split(" ")
    .map((run) => (run.length > LONG_RUN ? run.replace(/([/.:=,])(?=[^\s])/g, "$1<wbr>") : run.replace(/\/(?=[^\s])/g, "/<wbr>")))
    .join(" ");
}

export function renderTable(table: BudgetTable, kept: number): string {
  const lines = [table.header, ...table.rows.slice(0, kept)];
  const hidden = table.rows.length - kept;
  if (hidden > 0) {
    lines.push(
      "",
      `…and ${plural(hidden, "more finding")} not shown here (GitHub caps a comment's length): see the job summary.`,
    );
  }
  return lines.join("\n");
}

/** Past this many new findings, a per-rule count comes before the rows: the rows are then too many to read. */
export const ROLL_UP_FROM = 25;

/** One row per rule: how many new findings it has, most severe rules first, then the most frequent. */
export function rollUp(findings: readonly Finding[]): string {
  const byRule = new Map<string, { severity: Finding["severity"]; count: number }>();
  for (const finding of findings) {
    const entry = byRule.get(finding.rule);
    if (!entry) byRule.set(finding.rule, { severity: finding.severity, count: 1 });
    else {
      entry.count += 1;
      // a rule whose findings differ in severity (configured per object) is listed at its worst
      if (severityRank(finding.severity) > severityRank(entry.severity)) entry.severity = finding.severity;
    }
  }
  const rows = [...byRule]
    .sort(
      ([ruleA, a], [ruleB, b]) =>
        severityRank(b.severity) - severityRank(a.severity) || b.count - a.count || ruleA.localeCompare(ruleB),
    )
    .map(([rule, { severity, count }]) => `| ${severityLabel(severity)} | ${ruleLink(rule)} | ${count} |`);
  return ["| Severity | Rule | New |", "| --- | --- | ---: |", ...rows].join("\n");
}

/** Errors first, then file order (the core's order) within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return SEVERITIES.flatMap((severity) => findings.filter((finding) => finding.severity === severity));
}
