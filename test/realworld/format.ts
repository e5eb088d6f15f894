/** Plain-text tables of a real-world score, for `npm run realworld` and the test's log. */
import { falseAlarmRate, precision, type Reported, type Score, type Tally, targetChecks } from "./score.js";

export function formatScore(result: Score): string {
  const lines: string[] = [];
  const header = ["rule", "reported", "judged", "true", "false", "wrong loc", "debatable", "unjudged", "precision"];
  const rows = [...result.byRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([rule, tally]) => row(rule, tally));
  rows.push(row("all rules", result.overall), row("error level", result.errors));
  lines.push(table(header, rows), "");
  for (const check of targetChecks(result)) {
    lines.push(`${check.met ? "met " : "MISS"}  ${check.name}: ${show(check.name, check.value)} (target ${check.target})`);
  }
  lines.push(`      unjudged error-level findings: ${result.errors.unjudged}`);
  lines.push(`      unjudged yaml-syntax-error findings: ${result.unjudgedYamlSyntaxErrors}`);
  lines.push(`      labelled true findings kept: ${result.trueKept.kept} of ${result.trueKept.labelled}`);
  section(
    lines,
    "labelled true findings no longer reported",
    result.lostTrue.map((l) => `${l.repo}/${l.file}:${l.line} ${l.rule}`),
  );
  section(lines, "false alarms reported that labels.json does not mark open (new or back)", result.cameBack.map(place));
  section(
    lines,
    "labels marked open that are no longer reported (drop the mark)",
    result.nowFixed.map((l) => `${l.repo}/${l.file}:${l.line} ${l.rule}`),
  );
  section(
    lines,
    "valid manifests skipped without a notice",
    result.silentlySkipped.map((s) => `${s.repo}/${s.file}`),
  );
  section(lines, "unjudged error-level findings", result.reported.filter((r) => r.severity === "error" && !r.verdict).map(place));
  return lines.join("\n");
}

function show(name: string, value: number | undefined): string {
  if (value === undefined) return "n/a";
  return name.startsWith("false yaml") || name.startsWith("valid manifests") ? String(value) : percent(value);
}

function place(item: Reported): string {
  return `${item.repo}/${item.file}:${item.line} ${item.rule} [${item.severity}] ${item.message.slice(0, 160)}`;
}

function section(lines: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  lines.push("", `${title} (${items.length}):`, ...items.map((item) => `  ${item}`));
}

function row(name: string, tally: Tally): string[] {
  const rate = precision(tally);
  const fa = falseAlarmRate(tally);
  return [
    name,
    String(tally.reported),
    String(tally.judged),
    String(tally.true),
    String(tally.falseAlarm),
    String(tally.wrongLocation),
    String(tally.debatable),
    String(tally.unjudged),
    rate === undefined ? "–" : `${percent(rate)}${fa === undefined ? "" : ` (FA ${percent(fa)})`}`,
  ];
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
