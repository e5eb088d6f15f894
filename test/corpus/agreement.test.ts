import { beforeAll, expect, it } from "vitest";
import { peerCorpora } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";
import { type AgreementReport, evaluateAgreement, unexplained } from "./agreement.js";
import { describeDifference } from "./deliberate.js";
import { formatDisagreement, formatReport } from "./format.js";

let report: AgreementReport;

beforeAll(async () => {
  if (!peerCorpora.present) return;
  report = await evaluateAgreement();
  console.log(formatReport(report));
}, 60_000);

describeWith(peerCorpora, "agreement with the peer corpora", () => {
  it("compares at least one label per peer whose concept Plumbline covers", () => {
    const compared = report.summaries.filter((summary) => summary.mapped > 0).map((summary) => summary.peer);
    expect(compared).toEqual(expect.arrayContaining(["kube-linter", "kube-score", "polaris"]));
  });

  it("has no disagreement that is not a reviewed difference", () => {
    expect(unexplained(report).map(formatDisagreement)).toEqual([]);
  });

  it("lists no difference that no longer disagrees", () => {
    expect(report.stale.map(describeDifference)).toEqual([]);
  });
});
