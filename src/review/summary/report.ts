import type { Summary } from "../../check.js";
import { type Finding, SEVERITIES } from "../../findings/finding.js";
import { plural } from "../../plural.js";
import { type BudgetTable, hardLimit, rowsThatFit } from "../../report/markdown-budget.js";
import { codeSpan, escapeMarkdown, resourceName, severityLabel } from "../../report/markdown.js";
import { docsUrl } from "../../rules/docs-url.js";
import type { ConfigChange, GateConfig } from "../analyse/gate-config.js";
import type { Classified } from "../compare/classify.js";
import type { FailOn } from "../gate/verdict.js";
import { footer, headline } from "./headline.js";
import { encodedCodeLink, type ReviewLinks } from "./links.js";

/** Everything the pull request report shows: decided before rendering, plain data. */
export interface PullRequestReport {
  readonly links: ReviewLinks;
  readonly baseSha: string;
  readonly headSha: string;
  readonly head: Summary;
  /** undefined when the base revision could not be read */
  readonly base: Summary | undefined;
  readonly classified: Classified;
  readonly onlyNew: boolean;
  readonly failOn: FailOn;
  /** the findings that fail the gate */
  readonly failing: readonly Finding[];
  readonly changedFiles: ReadonlySet<string>;
  /** fingerprints with an inline review comment, from this run or an earlier one */
  readonly inline: ReadonlySet<string>;
  /** fingerprints of findings on lines the diff does not show */
  readonly outsideDiff: ReadonlySet<string>;
  /** the pull request changes the configuration file: it does not judge itself */
  readonly configChange?: ConfigChange | undefined;
  /** `defaults`: the base revision could not be read, so neither could its configuration */
  readonly configSource?: GateConfig["source"];
}

/** Hidden in the sticky comment so every run finds and edits the same one. */
export const STICKY_MARKER = "<!-- plumbline:sticky-comment -->";

const TABLE_HEADER = "| Severity | Location | Rule | Resource | Message |\n| --- | --- | --- | --- | --- |";

/**
 * The sticky comment (and, without the marker, the check run summary and job summary). Tables are
 * trimmed — new findings last — so the whole never exceeds `limit` characters.
 */
export function renderPullRequestReport(report: PullRequestReport, limit: number, options: { marker: boolean }): string {
  const { introduced, fixed, existing } = report.classified;
  const existingOrdered = [
    ...existing.filter((f) => report.changedFiles.has(f.file)),
    ...existing.filter((f) => !report.changedFiles.has(f.file)),
  ];
  const tables: BudgetTable[] = [
    { header: TABLE_HEADER, rows: bySeverity(introduced).map((f) => findingRow(report, f, report.headSha)) },
    { header: TABLE_HEADER, rows: bySeverity(fixed).map((f) => findingRow(report, f, report.baseSha)) },
    { header: TABLE_HEADER, rows: existingOrdered.map((f) => findingRow(report, f, report.headSha)) },
  ];
  const compose = (kept: readonly number[]) => {
    const [newTable, fixedTable, existingTable] = tables.map((table, index) => renderTable(table, kept[index] ?? 0));
    const parts: string[] = [];
    if (options.marker) parts.push(STICKY_MARKER);
    parts.push(...headline(report));
    if (introduced.length > 0) parts.push("#### New in this pull request", "", newTable ?? "", inlineNote(report), "");
    if (fixed.length > 0) parts.push("#### Fixed in this pull request", "", fixedTable ?? "", "");
    if (existing.length > 0) {
      const inChanged = existing.filter((f) => report.changedFiles.has(f.file)).length;
      const counted = report.onlyNew ? "not counted by the gate" : "counted by the gate: only-new is off";
      parts.push(
        "<details>",
        `<summary>Already there before this pull request: ${plural(existing.length, "finding")}, ${inChanged} in files it changes (${counted})</summary>`,
        "",
        existingTable ?? "",
        "</details>",
        "",
      );
    }
    parts.push(footer(report));
    return `${parts.join("\n")}\n`;
  };
  const fixedLength = compose(tables.map(() => 0)).length;
  const body = compose(rowsThatFit(tables, fixedLength, limit));
  return hardLimit(body, limit, "…the report was cut here: see the job summary for the rest.");
}

function inlineNote(report: PullRequestReport): string {
  const { introduced } = report.classified;
  const inline = introduced.filter((f) => report.inline.has(f.fingerprint)).length;
  if (inline === introduced.length) return "\nEach of them is commented inline on the diff.";
  const outside = introduced.filter((f) => report.outsideDiff.has(f.fingerprint)).length;
  const rest = introduced.length - inline - outside;
  const parts = [
    inline > 0 ? `${inline} ${inline === 1 ? "is" : "are"} commented inline on the diff` : "",
    outside > 0 ? `${outside} ${outside === 1 ? "is" : "are"} on lines this pull request does not change` : "",
    rest > 0 ? `${rest} ${rest === 1 ? "is" : "are"} listed here only` : "",
  ].filter(Boolean);
  return `\nOf these, ${parts.join("; ")}.`;
}

function findingRow(report: PullRequestReport, finding: Finding, sha: string): string {
  const cells = [
    severityLabel(finding.severity),
    encodedCodeLink(`${finding.file}:${finding.line}`, report.links.file(sha, finding.file, finding.line)),
    encodedCodeLink(finding.rule, docsUrl(finding.rule)),
    codeSpan(resourceName(finding.resource)),
    escapeMarkdown(finding.message),
  ];
  return `| ${cells.join(" | ")} |`;
}

function renderTable(table: BudgetTable, kept: number): string {
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

/** Errors first, then file order (the core's order) within a severity. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return SEVERITIES.flatMap((severity) => findings.filter((finding) => finding.severity === severity));
}
