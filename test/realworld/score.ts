/**
 * Matches a run's findings to the labels and computes the figures issue 9 sets targets for. A finding is
 * counted once per (repository, file, line, rule): the same base file built by three overlays is one
 * thing for a reviewer to judge, at the highest severity it was reported with.
 */
import { type Finding, type Severity, severityRank } from "../../src/findings/finding.js";
import { effectiveVerdict, isFalseAlarm, type Label, labelKey, type Verdict } from "./labels.js";
import type { RepoRun } from "./run.js";

/** Issue 9's targets. */
export const TARGETS = { errorFalseAlarmRate: 0.05, judgedFalseAlarmRate: 0.1, trueKeptRate: 0.95 } as const;

export interface Reported {
  readonly repo: string;
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** how many findings share this place and rule */
  readonly count: number;
  readonly label?: Label;
  /** the label's verdict at the reported severity */
  readonly verdict?: Verdict;
}

export interface Tally {
  reported: number;
  judged: number;
  true: number;
  falseAlarm: number;
  wrongLocation: number;
  debatable: number;
  unjudged: number;
}

export interface Score {
  readonly reported: readonly Reported[];
  readonly byRule: ReadonlyMap<string, Tally>;
  readonly overall: Tally;
  readonly errors: Tally;
  /** labelled true and reported (at any severity) / labelled true */
  readonly trueKept: { kept: number; labelled: number };
  /** labelled true findings no longer reported */
  readonly lostTrue: readonly Label[];
  /** reported false alarms the labels do not mark `open`: new or back */
  readonly cameBack: readonly Reported[];
  /** labels marked `open` that are no longer reported (or no longer false alarms) */
  readonly nowFixed: readonly Label[];
  readonly falseYamlSyntaxErrors: number;
  readonly unjudgedYamlSyntaxErrors: number;
  readonly silentlySkipped: readonly { repo: string; file: string }[];
}

export function score(runs: readonly RepoRun[], labels: readonly Label[]): Score {
  const byKey = new Map(labels.map((label) => [labelKey(label), label]));
  const reported = runs.flatMap((run) => collapse(run.repo, run.findings, byKey));
  const reportedKeys = new Set(reported.map(labelKey));
  const repos = new Set(runs.map((run) => run.repo));
  // labels of repositories that were not run say nothing about this run
  const relevant = labels.filter((label) => repos.has(label.repo));

  const byRule = new Map<string, Tally>();
  const overall = emptyTally();
  const errors = emptyTally();
  for (const item of reported) {
    const tallies = [overall, ruleTally(byRule, item.rule)];
    if (item.severity === "error") tallies.push(errors);
    for (const tally of tallies) add(tally, item.verdict);
  }

  const trueLabels = relevant.filter((label) => label.verdict === "true");
  const lostTrue = trueLabels.filter((label) => !reportedKeys.has(labelKey(label)));
  const falseNow = new Set(reported.filter((item) => item.verdict && isFalseAlarm(item.verdict)).map(labelKey));
  const yaml = reported.filter((item) => item.rule === "yaml-syntax-error");
  return {
    reported,
    byRule,
    overall,
    errors,
    trueKept: { kept: trueLabels.length - lostTrue.length, labelled: trueLabels.length },
    lostTrue,
    cameBack: reported.filter((item) => item.verdict && isFalseAlarm(item.verdict) && !item.label?.open),
    nowFixed: relevant.filter((label) => label.open && !falseNow.has(labelKey(label))),
    falseYamlSyntaxErrors: yaml.filter((item) => item.verdict && isFalseAlarm(item.verdict)).length,
    unjudgedYamlSyntaxErrors: yaml.filter((item) => !item.verdict).length,
    silentlySkipped: runs.flatMap((run) => run.silentlySkipped.map((file) => ({ repo: run.repo, file }))),
  };
}

function collapse(repo: string, findings: readonly Finding[], labels: ReadonlyMap<string, Label>): Reported[] {
  const places = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = labelKey({ repo, file: finding.file, line: finding.line, rule: finding.rule });
    places.set(key, [...(places.get(key) ?? []), finding]);
  }
  return [...places.entries()].map(([key, group]) => {
    const worst = group.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    const label = labels.get(key);
    return {
      repo,
      file: worst.file,
      line: worst.line,
      rule: worst.rule,
      severity: worst.severity,
      message: worst.message,
      count: group.length,
      ...(label ? { label, verdict: effectiveVerdict(label, worst.severity) } : {}),
    };
  });
}

function emptyTally(): Tally {
  return { reported: 0, judged: 0, true: 0, falseAlarm: 0, wrongLocation: 0, debatable: 0, unjudged: 0 };
}

function ruleTally(byRule: Map<string, Tally>, rule: string): Tally {
  let tally = byRule.get(rule);
  if (!tally) {
    tally = emptyTally();
    byRule.set(rule, tally);
  }
  return tally;
}

function add(tally: Tally, verdict: Verdict | undefined): void {
  tally.reported += 1;
  if (!verdict) {
    tally.unjudged += 1;
    return;
  }
  tally.judged += 1;
  if (verdict === "true") tally.true += 1;
  else if (verdict === "false-alarm") tally.falseAlarm += 1;
  else if (verdict === "wrong-location") tally.wrongLocation += 1;
  else tally.debatable += 1;
}

/** true / (true + false alarms + wrong locations): debatable findings are neither right nor wrong. */
export function precision(tally: Tally): number | undefined {
  const decided = tally.true + tally.falseAlarm + tally.wrongLocation;
  return decided === 0 ? undefined : tally.true / decided;
}

/** (false alarms + wrong locations) / judged, debatable ones included in the judged. */
export function falseAlarmRate(tally: Tally): number | undefined {
  return tally.judged === 0 ? undefined : (tally.falseAlarm + tally.wrongLocation) / tally.judged;
}

export interface TargetCheck {
  readonly name: string;
  readonly value: number | undefined;
  readonly target: string;
  readonly met: boolean;
}

export function targetChecks(result: Score): TargetCheck[] {
  const errorRate = falseAlarmRate(result.errors);
  const judgedRate = falseAlarmRate(result.overall);
  const kept = result.trueKept.labelled === 0 ? undefined : result.trueKept.kept / result.trueKept.labelled;
  return [
    { name: "error-level false alarms", value: errorRate, target: "≤ 5 %", met: (errorRate ?? 0) <= TARGETS.errorFalseAlarmRate },
    {
      name: "all judged false alarms",
      value: judgedRate,
      target: "≤ 10 %",
      met: (judgedRate ?? 0) <= TARGETS.judgedFalseAlarmRate,
    },
    { name: "labelled true findings kept", value: kept, target: "≥ 95 %", met: (kept ?? 1) >= TARGETS.trueKeptRate },
    {
      name: "false yaml-syntax-error",
      value: result.falseYamlSyntaxErrors,
      target: "0",
      met: result.falseYamlSyntaxErrors === 0,
    },
    {
      name: "valid manifests skipped without a notice",
      value: result.silentlySkipped.length,
      target: "0",
      met: result.silentlySkipped.length === 0,
    },
  ];
}
