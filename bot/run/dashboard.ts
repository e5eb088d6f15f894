/**
 * The "Drift dashboard" issue (`drift.dashboard: true`), Renovate-style: one issue per repository
 * listing each cluster's state and its pull request, edited only when that list changes. The rows
 * live in the issue's marker too, so a run that checked only some clusters keeps the others' rows.
 */

import { codeSpan, escapeMarkdown } from "../../src/report/markdown-escape.js";
import { type BotIssue, editIssue, openIssue } from "../github/issues.js";
import type { GitHub, RepoRef } from "../github/octokit.js";
import { readMarker, writeMarker } from "../proposal/marker.js";
import type { ClusterOutcome } from "./check-cluster.js";

export const DASHBOARD_TITLE = "Drift dashboard";

interface Row {
  readonly outcome: ClusterOutcome["outcome"];
  readonly summary: string;
  readonly link?: number;
}

const STATE: Record<ClusterOutcome["outcome"], string> = {
  "in-sync": "✅ matches Git",
  drift: "⚠️ drift",
  error: "❌ not checked",
  skipped: "⏭️ not checked yet",
  "no-config": "—",
  "invalid-config": "❌ invalid configuration",
};

export function dashboardBody(rows: Readonly<Record<string, Row>>): string {
  const lines = Object.entries(rows)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([cluster, row]) =>
        `| ${codeSpan(cluster)} | ${STATE[row.outcome]} | ${escapeMarkdown(row.summary)} | ${row.link ? `#${row.link}` : "—"} |`,
    );
  return [
    "This issue lists the drift Plumbline found between Git and each cluster, and is updated after every check. Act on the pull requests; this issue closes nothing.",
    `| Cluster | State | Details | Proposal |\n|---|---|---|---|\n${lines.join("\n")}`,
    writeMarker("dashboard", { v: 1, rows }),
  ].join("\n\n");
}

export async function reconcileDashboard(
  github: GitHub,
  repo: RepoRef,
  login: string,
  outcomes: readonly ClusterOutcome[],
  issues: readonly BotIssue[],
  configured: readonly string[],
): Promise<void> {
  const existing = issues.find((issue) => issue.dashboard && issue.open);
  const previous = readMarker<{ rows?: Record<string, Row> }>(existing?.body, "dashboard")?.rows ?? {};
  // clusters no longer in the configuration drop out
  const rows: Record<string, Row> = Object.fromEntries(
    Object.entries(previous).filter(([cluster]) => configured.includes(cluster)),
  );
  for (const outcome of outcomes) {
    if (outcome.outcome === "skipped" && rows[outcome.cluster]) continue;
    rows[outcome.cluster] = {
      outcome: outcome.outcome,
      summary: outcome.summary,
      ...(outcome.proposal?.link ? { link: outcome.proposal.link.number } : {}),
    };
  }
  const body = dashboardBody(rows);
  if (existing) {
    if (existing.body.trim() !== body.trim()) await editIssue(github, repo, existing.number, { body });
    return;
  }
  await openIssue(github, repo, { title: DASHBOARD_TITLE, body, labels: [] }, (candidate) => candidate.dashboard, login);
}
