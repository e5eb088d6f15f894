import { ALL_RULES } from "../../src/rules/registry.js";
import { type Label, type LabelSet, loadPeerCorpus, PEERS, type PeerName } from "./corpus.js";
import { type AcceptedDifference, type CaseAt, covers } from "./deliberate.js";
import { ACCEPTED_DIFFERENCES } from "./deliberate-differences.js";
import type { Judge, Judgement } from "./judgement.js";
import { judgeKubeLinter } from "./judges/kube-linter.js";
import { judgeKubeNoTrouble, kubeNoTroubleVariant } from "./judges/kube-no-trouble.js";
import { judgeKubeScore, kubeScoreVariant } from "./judges/kube-score.js";
import { judgePluto, plutoVariant } from "./judges/pluto.js";
import { judgePolaris } from "./judges/polaris.js";
import { PlumblineRunner } from "./plumbline-run.js";

interface PeerHarness {
  readonly judge: Judge;
  /** the label's settings in words, so one file labelled under several settings stays several cases */
  readonly variant: (label: Label, labelSet: LabelSet) => string;
}

const HARNESS: Record<PeerName, PeerHarness> = {
  "kube-linter": { judge: judgeKubeLinter, variant: () => "" },
  "kube-score": { judge: judgeKubeScore, variant: kubeScoreVariant },
  polaris: { judge: judgePolaris, variant: () => "" },
  pluto: { judge: judgePluto, variant: plutoVariant },
  "kube-no-trouble": { judge: judgeKubeNoTrouble, variant: kubeNoTroubleVariant },
};

export interface JudgedLabel {
  readonly peer: PeerName;
  readonly label: Label;
  readonly variant: string;
  readonly judgement: Judgement;
}

/** A case where Plumbline and the label differ, with its reviewed entry when there is one. */
export interface Disagreement extends CaseAt {
  readonly accepted?: AcceptedDifference;
}

export interface PeerSummary {
  readonly peer: PeerName;
  readonly labels: number;
  readonly mapped: number;
  readonly agree: number;
  readonly disagree: number;
  /** disagreeing labels whose every differing case is a listed deliberate difference */
  readonly deliberate: number;
  /** disagreeing labels whose differing cases are all listed, at least one as a known bug */
  readonly knownBugs: number;
  /** the comparisons inside the mapped labels (objects, or whole files) and how many of them agree */
  readonly cases: number;
  readonly casesAgree: number;
  /** labels not compared, by reason */
  readonly notCompared: ReadonlyMap<string, number>;
}

export interface AgreementReport {
  readonly registeredRules: readonly string[];
  readonly summaries: readonly PeerSummary[];
  readonly disagreements: readonly Disagreement[];
  /** listed differences that no longer match a disagreement */
  readonly stale: readonly AcceptedDifference[];
}

export interface EvaluateOptions {
  readonly corpusRoot?: string;
  readonly accepted?: readonly AcceptedDifference[];
}

/** Judges every label of every peer corpus against the rules registered now. */
export async function evaluateAgreement(options: EvaluateOptions = {}): Promise<AgreementReport> {
  const accepted = options.accepted ?? ACCEPTED_DIFFERENCES;
  const runner = new PlumblineRunner();
  const summaries: PeerSummary[] = [];
  const disagreements: Disagreement[] = [];
  const used = new Set<AcceptedDifference>();

  for (const peer of PEERS) {
    const corpus = loadPeerCorpus(peer, options.corpusRoot);
    const harness = HARNESS[peer];
    const judged: JudgedLabel[] = await Promise.all(
      corpus.labelSet.labels.map(async (label) => ({
        peer,
        label,
        variant: harness.variant(label, corpus.labelSet),
        judgement: await harness.judge(label, { corpus, runner }),
      })),
    );
    let agree = 0;
    let disagree = 0;
    let deliberateLabels = 0;
    let bugLabels = 0;
    let cases = 0;
    let casesAgree = 0;
    const notCompared = new Map<string, number>();
    for (const { label, variant, judgement } of judged) {
      if (!judgement.mapped) {
        notCompared.set(judgement.reason, (notCompared.get(judgement.reason) ?? 0) + 1);
        continue;
      }
      cases += judgement.cases.length;
      casesAgree += judgement.cases.filter((c) => c.agree).length;
      const differing = judgement.cases
        .filter((c) => !c.agree)
        .map((c): Disagreement => {
          const at: CaseAt = { peer, file: label.file, check: label.check, variant, case: c };
          const entry = accepted.find((difference) => covers(difference, at));
          if (entry) used.add(entry);
          return entry ? { ...at, accepted: entry } : at;
        });
      if (differing.length === 0) {
        agree += 1;
        continue;
      }
      disagree += 1;
      if (differing.every((d) => d.accepted)) {
        if (differing.some((d) => d.accepted?.verdict === "bug")) bugLabels += 1;
        else deliberateLabels += 1;
      }
      disagreements.push(...differing);
    }
    summaries.push({
      peer,
      labels: judged.length,
      mapped: agree + disagree,
      agree,
      disagree,
      deliberate: deliberateLabels,
      knownBugs: bugLabels,
      cases,
      casesAgree,
      notCompared,
    });
  }

  return {
    registeredRules: ALL_RULES.map((rule) => rule.id),
    summaries,
    disagreements,
    stale: accepted.filter((difference) => !used.has(difference)),
  };
}

export function unexplained(report: AgreementReport): Disagreement[] {
  return report.disagreements.filter((d) => !d.accepted);
}

export function agreementPercent(summary: PeerSummary): string {
  return percent(summary.agree, summary.mapped);
}

export function caseAgreementPercent(summary: PeerSummary): string {
  return percent(summary.casesAgree, summary.cases);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${((100 * part) / whole).toFixed(1)} %`;
}
