import type { CorpusObject, Label, PeerCorpus } from "./corpus.js";
import { objectName } from "./corpus.js";
import type { FileRun, LocatedFinding, PlumblineRunner } from "./plumbline-run.js";

/** One comparison inside a label: the whole file, one object, or a group of look-alike objects. */
export interface Case {
  /** what was compared, for people: `Deployment/app (doc 2)`; absent for a whole-file comparison */
  readonly object?: string;
  /** what a deliberate difference names to match it: `Deployment/app`; absent for a whole file */
  readonly objectKey?: string;
  readonly expected: string;
  readonly ours: string;
  readonly agree: boolean;
}

export type Judgement =
  | { readonly mapped: false; readonly reason: string }
  | { readonly mapped: true; readonly rules: readonly string[]; readonly cases: readonly Case[] };

export interface JudgeContext {
  readonly corpus: PeerCorpus;
  readonly runner: PlumblineRunner;
}

export type Judge = (label: Label, context: JudgeContext) => Promise<Judgement>;

export const REPORTED = "reported";
export const NOT_REPORTED = "not reported";

export function unmapped(reason: string): Judgement {
  return { mapped: false, reason };
}

/** The two-valued comparison most labels need; `ours` names the rules that fired. */
export function reportedCase(expectReported: boolean, ours: readonly LocatedFinding[], object?: CorpusObject): Case {
  const oursReported = ours.length > 0;
  return {
    ...(object ? { object: describeObject(object), objectKey: objectName(object) } : {}),
    expected: expectReported ? REPORTED : NOT_REPORTED,
    ours: oursReported ? `${REPORTED} (${firedRules(ours)})` : NOT_REPORTED,
    agree: expectReported === oursReported,
  };
}

export function describeObject(object: CorpusObject): string {
  const where = object.list_item === undefined ? `doc ${object.doc_index}` : `doc ${object.doc_index} item ${object.list_item}`;
  return `${objectName(object)} (${where})`;
}

/** Findings of the given rules, whichever object they are on. */
export function findingsOf(run: FileRun, rules: readonly string[]): LocatedFinding[] {
  return run.findings.filter((located) => rules.includes(located.finding.rule));
}

/** Findings of the given rules on one object of the fixture. */
export function findingsOn(run: FileRun, rules: readonly string[], object: CorpusObject): LocatedFinding[] {
  return findingsOf(run, rules).filter(
    (located) => located.documentIndex === object.doc_index && located.listIndex === object.list_item,
  );
}

/** The rule ids that fired in a set of findings, for disagreement details. */
export function firedRules(findings: readonly LocatedFinding[]): string {
  return [...new Set(findings.map((located) => located.finding.rule))].sort().join(", ");
}

/** Why most labels are not compared: the peer check is about something no Plumbline rule covers. */
export const NO_PEER_RULE = "check not named in any registered rule's peers";
