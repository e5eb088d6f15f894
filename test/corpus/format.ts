import {
  type AgreementReport,
  agreementPercent,
  caseAgreementPercent,
  type Disagreement,
  type PeerSummary,
} from "./agreement.js";
import { PEERS } from "./corpus.js";
import { describeDifference } from "./deliberate.js";
import { type LinterPeer, peerMapping } from "./peer-map.js";

const COLUMNS = [
  "peer",
  "labels",
  "mapped",
  "agree",
  "disagree",
  "deliberate",
  "known bug",
  "unexplained",
  "agreement",
  "cases",
  "case agreement",
] as const;

/**
 * The per-peer table as aligned plain text (the test log and `npm run corpus`). A label agrees when all
 * its cases do; "cases" counts the objects (or whole files) compared inside the mapped labels.
 */
export function formatTable(summaries: readonly PeerSummary[]): string {
  const rows = summaries.map((s) => [
    s.peer,
    String(s.labels),
    String(s.mapped),
    String(s.agree),
    String(s.disagree),
    String(s.deliberate),
    String(s.knownBugs),
    String(s.disagree - s.deliberate - s.knownBugs),
    agreementPercent(s),
    String(s.cases),
    caseAgreementPercent(s),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join("  ");
  return [line(COLUMNS), ...rows.map(line)].join("\n");
}

export function formatDisagreement(d: Disagreement): string {
  const variant = d.variant ? ` [${d.variant}]` : "";
  const object = d.case.object ? ` ${d.case.object}:` : "";
  const verdict = d.accepted
    ? `${d.accepted.verdict === "bug" ? "known bug" : "deliberate"}: ${d.accepted.reason}`
    : "UNEXPLAINED";
  return `${d.peer} ${d.file} ${d.check}${variant}${object} expected ${d.case.expected}, Plumbline ${d.case.ours} — ${verdict}`;
}

/** Which peer checks are compared, derived from the rules' `peers` fields. */
export function formatMapping(): string {
  const linters = PEERS.filter(
    (peer): peer is LinterPeer => peer === "kube-linter" || peer === "kube-score" || peer === "polaris",
  );
  const lines = linters.map((peer) => {
    const pairs = [...peerMapping(peer)].map(([check, rules]) => `${check} → ${rules.join(", ")}`);
    return `  ${peer}: ${pairs.length ? pairs.join("; ") : "(none)"}`;
  });
  lines.push("  pluto: removed → api-removed; deprecated → api-deprecated; none → neither (at the label's target version)");
  lines.push("  kube-no-trouble: rule set 'removed in X' → api-removed at X; 'future' and custom rule sets → either rule");
  return lines.join("\n");
}

export function formatReport(report: AgreementReport): string {
  const sections = [
    `Corpus agreement — ${report.registeredRules.length} rules registered: ${report.registeredRules.join(", ")}`,
    formatTable(report.summaries),
    `Peer checks compared:\n${formatMapping()}`,
  ];
  if (report.disagreements.length > 0) {
    sections.push(
      `Disagreements (${report.disagreements.length}):\n${report.disagreements.map((d) => `  ${formatDisagreement(d)}`).join("\n")}`,
    );
  }
  if (report.stale.length > 0) {
    const stale = report.stale.map((s) => `  ${describeDifference(s)}`);
    sections.push(`Listed differences that no longer disagree (remove them):\n${stale.join("\n")}`);
  }
  sections.push(`Not compared:\n${formatNotCompared(report.summaries)}`);
  return sections.join("\n\n");
}

function formatNotCompared(summaries: readonly PeerSummary[]): string {
  return summaries
    .map((s) => {
      const reasons = [...s.notCompared].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${count} ${reason}`);
      return `  ${s.peer}: ${reasons.length ? reasons.join("; ") : "none"}`;
    })
    .join("\n");
}
