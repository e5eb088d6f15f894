import type { Summary } from "../../check.js";
import type { Finding } from "../../findings/finding.js";
import { plural } from "../../plural.js";
import { type BudgetTable, hardLimit, rowsThatFit } from "../../report/markdown-budget.js";
import type { ConfigChange, GateConfig } from "../analyse/gate-config.js";
import type { Classified } from "../compare/classify.js";
import type { FailOn } from "../gate/verdict.js";
import { footer, headline, placementNote } from "./headline.js";
import type { ReviewLinks } from "./links.js";
import { bySeverity, findingRow, ROLL_UP_FROM, renderTable, rollUp, TABLE_HEADER } from "./table.js";

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
  /** fingerprints past the cap on inline comments */
  readonly overflow?: ReadonlySet<string>;
  /** that cap, for saying so */
  readonly inlineCap?: number;
  /** the pull request changes the configuration file: it does not judge itself */
  readonly configChange?: ConfigChange | undefined;
  /** `defaults`: the base revision could not be read, so neither could its configuration */
  readonly configSource?: GateConfig["source"];
}

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
