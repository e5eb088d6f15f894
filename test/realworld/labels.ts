/**
 * Hand-judged findings on the real-world corpus (`labels.json`). A label names one reported finding by
 * repository folder, file, line and rule (exact: a finding that moves is a new, unjudged one), and says
 * what a senior Kubernetes engineer makes of it. Labels record what SHOULD be reported, not what the code
 * does: a false alarm stays labelled after a fix removes it, so the test sees it if it comes back.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Severity, severityRank } from "../../src/findings/finding.js";
import { repoRoot } from "../support/shared.js";

export const VERDICTS = ["true", "false-alarm", "wrong-location", "debatable"] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Label {
  /** the folder under ../shared/realworld: `<owner>__<name>` */
  readonly repo: string;
  /** relative to that folder, `/`-separated, as `plumbline check .` run there prints it */
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  /** the verdict on the finding as it was reported when judged */
  readonly verdict: Verdict;
  /** why, in one sentence */
  readonly note: string;
  /**
   * For a finding that is wrong only at its severity (an error for alternative sample files, which an
   * info naming them would rightly point out): at this severity or below it counts as true.
   */
  readonly fineAt?: Severity;
  /**
   * A false alarm the code still reports, accepted for now within the targets. The test fails when an
   * unmarked false alarm is reported (it came back) and when a marked one is no longer reported (drop the
   * mark), so the list stays exact.
   */
  readonly open?: boolean;
}

export function labelKey(label: { repo: string; file: string; line: number; rule: string }): string {
  return `${label.repo}/${label.file}:${label.line} ${label.rule}`;
}

/** The label's verdict for a finding reported at `severity`. */
export function effectiveVerdict(label: Label, severity: Severity): Verdict {
  if (label.fineAt && severityRank(severity) <= severityRank(label.fineAt)) return "true";
  return label.verdict;
}

/** A verdict that makes the finding a false alarm for the rates: wrong, or pointing where nothing is to fix. */
export function isFalseAlarm(verdict: Verdict): boolean {
  return verdict === "false-alarm" || verdict === "wrong-location";
}

/** In the source tree, also when this module runs from `build/` (`npm run realworld`). */
export function labelsFile(): string {
  return path.join(repoRoot(), "test", "realworld", "labels.json");
}

/** Reads and checks `labels.json`: a malformed or repeated label is an error, never silently dropped. */
export function readLabels(file = labelsFile()): Label[] {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of labels`);
  const seen = new Set<string>();
  return parsed.map((entry, index) => {
    const label = checkLabel(entry, `${file}[${index}]`);
    const key = labelKey(label);
    if (seen.has(key)) throw new Error(`${file}[${index}]: ${key} is labelled twice`);
    seen.add(key);
    return label;
  });
}

function checkLabel(entry: unknown, where: string): Label {
  const label = entry as Partial<Label> | null;
  const problems: string[] = [];
  if (typeof label?.repo !== "string" || label.repo === "") problems.push("repo");
  if (typeof label?.file !== "string" || label.file === "") problems.push("file");
  if (!Number.isInteger(label?.line) || (label?.line ?? 0) < 1) problems.push("line");
  if (typeof label?.rule !== "string" || label.rule === "") problems.push("rule");
  if (!VERDICTS.includes(label?.verdict as Verdict)) problems.push("verdict");
  if (typeof label?.note !== "string" || label.note.trim() === "") problems.push("note");
  if (label?.fineAt !== undefined && !["warning", "info"].includes(label.fineAt)) problems.push("fineAt");
  if (label?.open !== undefined && (label.open !== true || !isFalseAlarm(label.verdict as Verdict))) problems.push("open");
  if (problems.length > 0) throw new Error(`${where}: bad or missing ${problems.join(", ")}`);
  return label as Label;
}
