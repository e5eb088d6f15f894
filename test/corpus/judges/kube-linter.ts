import { statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_KUBERNETES_VERSION } from "../../../src/rules/api-versions/api-data.js";
import type { CorpusObject, Label } from "../corpus.js";
import {
  type Case,
  describeObject,
  findingsOf,
  findingsOn,
  firedRules,
  type Judge,
  NO_PEER_RULE,
  reportedCase,
  unmapped,
} from "../judgement.js";
import { labelChecks, rulesForCheck } from "../peer-map.js";
import type { FileRun } from "../plumbline-run.js";

interface ExpectedReport {
  readonly index: number;
  readonly kind?: string;
  readonly name?: string;
}

/**
 * kube-linter labels are judged per object. The bats tests assert the kinds of the reports in order and
 * the total count; names are rarely asserted, so which object fires follows kube-linter's fixture
 * convention: `dont-fire*` objects must stay silent, `fire-*` objects must be reported, and the remaining
 * objects of a kind share that kind's reports (see `expectationsFor`).
 */
export const judgeKubeLinter: Judge = async (label, { corpus, runner }) => {
  const checks = labelChecks("kube-linter", label.check);
  const rules = [...new Set(checks.flatMap((check) => rulesForCheck("kube-linter", check)))];
  if (checks.some((check) => rulesForCheck("kube-linter", check).length === 0)) {
    return unmapped(NO_PEER_RULE);
  }
  if (label.expect !== "fail" && label.expect !== "pass") return unmapped(`outcome "${label.expect}" is not a lint result`);
  const file = path.join(corpus.dir, label.file);
  if (!statSync(file).isFile()) return unmapped("input is a directory (Helm/Kustomize rendering)");

  const run = await runner.run(file, { kubernetesVersion: DEFAULT_KUBERNETES_VERSION });
  const cases = expectationsFor(label, corpus.objectsOf(label.file)).flatMap((expectation) => judge(expectation, run, rules));
  // nothing object-level can be said (e.g. a report count without kinds): fall back to the whole file
  if (cases.length === 0) cases.push(reportedCase(label.expect === "fail", findingsOf(run, rules)));
  return { mapped: true, rules, cases };
};

type Expectation =
  | { readonly kind: "object"; readonly object: CorpusObject; readonly reported: boolean }
  /** look-alike objects sharing fewer reports than there are objects: between 1 and `atMost` must fire */
  | { readonly kind: "group"; readonly objects: readonly CorpusObject[]; readonly atMost: number };

export function expectationsFor(label: Label, objects: readonly CorpusObject[]): Expectation[] {
  const reports = [...((label.expected_reports as ExpectedReport[] | undefined) ?? [])];
  const total = label.expect === "pass" ? 0 : (label.expected_report_count as number | undefined);
  // reports counted but not listed could be of any kind; only when none are can a kind have no report
  const unlisted = total === undefined ? Number.POSITIVE_INFINITY : Math.max(0, total - reports.length);
  const take = (match: (report: ExpectedReport) => boolean) => {
    const at = reports.findIndex(match);
    return at === -1 ? undefined : reports.splice(at, 1)[0];
  };

  const expectations: Expectation[] = [];
  const undecided: CorpusObject[] = [];
  for (const object of objects) {
    const name = object.name ?? "";
    if (take((report) => report.name === name && (report.kind === undefined || report.kind === object.kind))) {
      expectations.push({ kind: "object", object, reported: true });
    } else if (name.startsWith("dont-fire")) {
      expectations.push({ kind: "object", object, reported: false });
    } else if (name.startsWith("fire")) {
      take((report) => report.name === undefined && report.kind === object.kind);
      expectations.push({ kind: "object", object, reported: true });
    } else {
      undecided.push(object);
    }
  }

  for (const kind of new Set(undecided.map((object) => object.kind))) {
    const group = undecided.filter((object) => object.kind === kind);
    const left = reports.filter((report) => report.kind === kind && report.name === undefined).length;
    if (left >= group.length) {
      // as many reports as objects (or more: one per container): every object fires
      for (const object of group) expectations.push({ kind: "object", object, reported: true });
    } else if (left === 0) {
      if (unlisted === 0) for (const object of group) expectations.push({ kind: "object", object, reported: false });
    } else {
      expectations.push({ kind: "group", objects: group, atMost: Math.min(group.length, left + unlisted) });
    }
  }
  return expectations;
}

function judge(expectation: Expectation, run: FileRun, rules: readonly string[]): Case[] {
  if (expectation.kind === "object") {
    return [reportedCase(expectation.reported, findingsOn(run, rules, expectation.object), expectation.object)];
  }
  const { objects, atMost } = expectation;
  const fired = objects.map((object) => findingsOn(run, rules, object));
  const count = fired.filter((findings) => findings.length > 0).length;
  const first = objects[0] as CorpusObject;
  const sameName = objects.every((object) => object.name === first.name);
  const range = atMost === 1 ? "1" : `1–${atMost}`;
  return [
    {
      object: objects.map(describeObject).join(" + "),
      objectKey: `${first.kind}/${sameName ? first.name : "*"}`,
      expected: `${range} of ${objects.length} reported`,
      ours:
        count === 0 ? `0 of ${objects.length} reported` : `${count} of ${objects.length} reported (${firedRules(fired.flat())})`,
      agree: count >= 1 && count <= atMost,
    },
  ];
}
