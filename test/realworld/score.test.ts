import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "../../src/findings/finding.js";
import type { Label } from "./labels.js";
import type { RepoRun } from "./run.js";
import { falseAlarmRate, precision, score, targetChecks } from "./score.js";

function finding(file: string, line: number, rule: string, severity: Severity): Finding {
  return {
    rule,
    severity,
    file,
    line,
    column: 1,
    resource: { apiVersion: "v1", kind: "Service", namespace: null, name: "web" },
    message: `${rule} at ${file}:${line}`,
    fingerprint: `${file}${line}${rule}`,
    path: "",
  };
}

function run(findings: Finding[], silentlySkipped: string[] = []): RepoRun {
  return { repo: "o__r", findings, silentlySkipped, seconds: 0 };
}

function label(file: string, line: number, rule: string, verdict: Label["verdict"], extra: Partial<Label> = {}): Label {
  return { repo: "o__r", file, line, rule, verdict, note: "why", ...extra };
}

describe("real-world scoring", () => {
  it("counts one place and rule once, at its highest severity", () => {
    const result = score(
      [run([finding("a.yaml", 3, "r", "info"), finding("a.yaml", 3, "r", "error")])],
      [label("a.yaml", 3, "r", "false-alarm")],
    );
    expect(result.reported).toHaveLength(1);
    expect(result.reported[0]?.severity).toBe("error");
    expect(result.reported[0]?.count).toBe(2);
    expect(result.errors.falseAlarm).toBe(1);
  });

  it("computes precision without debatable findings and the false-alarm rate with them", () => {
    const result = score(
      [
        run([
          finding("a.yaml", 1, "r", "warning"),
          finding("a.yaml", 2, "r", "warning"),
          finding("a.yaml", 3, "r", "warning"),
          finding("a.yaml", 4, "r", "warning"),
        ]),
      ],
      [label("a.yaml", 1, "r", "true"), label("a.yaml", 2, "r", "false-alarm"), label("a.yaml", 3, "r", "debatable")],
    );
    expect(result.overall).toMatchObject({ reported: 4, judged: 3, true: 1, falseAlarm: 1, debatable: 1, unjudged: 1 });
    expect(precision(result.overall)).toBe(0.5);
    expect(falseAlarmRate(result.overall)).toBeCloseTo(1 / 3);
  });

  it("takes a finding that is wrong only at its severity as true once it is reported lower", () => {
    const labels = [label("a.yaml", 1, "dup", "false-alarm", { fineAt: "info" })];
    expect(score([run([finding("a.yaml", 1, "dup", "error")])], labels).cameBack).toHaveLength(1);
    const lowered = score([run([finding("a.yaml", 1, "dup", "info")])], labels);
    expect(lowered.cameBack).toEqual([]);
    expect(lowered.overall.true).toBe(1);
  });

  it("tells a false alarm marked open from one that came back, and an open one that is gone", () => {
    const labels = [
      label("a.yaml", 1, "r", "false-alarm", { open: true }),
      label("a.yaml", 2, "r", "false-alarm"),
      label("a.yaml", 3, "r", "wrong-location", { open: true }),
    ];
    const result = score([run([finding("a.yaml", 1, "r", "warning"), finding("a.yaml", 2, "r", "warning")])], labels);
    expect(result.cameBack.map((item) => item.line)).toEqual([2]);
    expect(result.nowFixed.map((item) => item.line)).toEqual([3]);
  });

  it("notices a labelled true finding that disappears, and ignores labels of repositories not run", () => {
    const labels = [
      label("a.yaml", 1, "r", "true"),
      label("a.yaml", 2, "r", "true"),
      { ...label("b.yaml", 1, "r", "true"), repo: "other__repo" },
    ];
    const result = score([run([finding("a.yaml", 1, "r", "warning")])], labels);
    expect(result.lostTrue.map((item) => item.line)).toEqual([2]);
    expect(result.trueKept).toEqual({ kept: 1, labelled: 2 });
  });

  it("checks every target: met on a clean run, each one missed on a bad one", () => {
    const clean = score([run([finding("a.yaml", 1, "r", "error")])], [label("a.yaml", 1, "r", "true")]);
    expect(targetChecks(clean).filter((check) => !check.met)).toEqual([]);
    const bad = score(
      [run([finding("a.yaml", 1, "yaml-syntax-error", "error"), finding("a.yaml", 9, "r", "error")], ["b.yaml"])],
      [label("a.yaml", 1, "yaml-syntax-error", "false-alarm"), label("a.yaml", 9, "r", "true"), label("a.yaml", 10, "r", "true")],
    );
    expect(
      targetChecks(bad)
        .filter((check) => !check.met)
        .map((check) => check.name),
    ).toEqual([
      "error-level false alarms",
      "all judged false alarms",
      "labelled true findings kept",
      "false yaml-syntax-error",
      "valid manifests skipped without a notice",
    ]);
  });
});
