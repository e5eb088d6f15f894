import type { Finding } from "../../findings/finding.js";
import { plural } from "../../plural.js";
import { type BudgetTable, hardLimit, rowsThatFit } from "../../report/markdown-budget.js";
import { footer, headline, placementNote } from "./headline.js";
import type { PullRequestReport } from "./report-data.js";
import { bySeverity, findingRow, ROLL_UP_FROM, renderTable, rollUp, TABLE_HEADER } from "./table.js";

export type { PullRequestReport } from "./report-data.js";

/** Hidden in the sticky comment so every run finds and edits the same one. */
export const STICKY_MARKER = "<!-- plumbline:sticky-comment -->";

export { bySeverity } from "./table.js";

/**
 * The sticky comment (and, without the marker, the check's summary and the job summary). A large
 * change gets a count per rule before its rows. Tables are trimmed — new findings kept first —
 * so the whole never exceeds `limit` characters.
 */
export function renderPullRequestReport(report: PullRequestReport, limit: number, options: { marker: boolean }): string {
  const { introduced, fixed, existing } = report.classified;
  const existingOrdered = [
    ...existing.filter((f) => report.changedFiles.has(f.file)),
    ...existing.filter((f) => !report.changedFiles.has(f.file)),
  ];
  const row = (sha: string) => (finding: Finding) => findingRow(report.links, finding, sha);
  const tables: BudgetTable[] = [
    { header: TABLE_HEADER, rows: bySeverity(introduced).map(row(report.headSha)) },
    { header: TABLE_HEADER, rows: bySeverity(fixed).map(row(report.baseSha)) },
    { header: TABLE_HEADER, rows: existingOrdered.map(row(report.headSha)) },
  ];
  const compose = (kept: readonly number[]) => {
    const [newTable, fixedTable, existingTable] = tables.map((table, index) => renderTable(table, kept[index] ?? 0));
    const parts: string[] = [];
    if (options.marker) parts.push(STICKY_MARKER);
    parts.push(...headline(report));
    if (introduced.length > 0) {
      parts.push("#### New in this pull request", "", placementNote(report), "");
      if (introduced.length >= ROLL_UP_FROM) parts.push(rollUp(introduced), "");
      parts.push(newTable ?? "", "");
    }
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
