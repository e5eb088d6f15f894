/**
 * The "Drift dashboard" issue (`drift.dashboard: true`), Renovate-style: one issue per repository
 * listing each cluster's state, its pull request and when it was last checked, when the next
 * scheduled check is due, and a checkbox that asks for a check now (handlers/dashboard-rerun.ts
 * acts on it). The rows live in the issue's marker too, so a run that checked only some clusters
 * keeps the others' rows.
 */

import { plural } from "../../src/plural.js";
import { formatTime } from "../../src/report/drift-values.js";
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
  /** ISO time of the cluster's last check */
  readonly checkedAt?: string;
}

/** When the checks ran and how often the scheduler runs them. */
export interface DashboardClock {
  readonly now: Date;
  readonly scheduleMinutes: number;
}

/** The checkbox a person ticks to have every cluster checked now; the rewritten body unticks it. */
export const RERUN_MARK = "<!-- plumbline:rerun -->";
const RERUN_LINE = `- [ ] ${RERUN_MARK} Check every cluster now (Plumbline unticks this when the check is done)`;
const TICKED = /^[ \t]*[-*] \[[xX]\] <!-- plumbline:rerun -->/m;

/** Whether this edit ticked the re-run checkbox: ticked now, not before. */
export function rerunTicked(body: string | null | undefined, previous: string | null | undefined): boolean {
  return TICKED.test(body ?? "") && !TICKED.test(previous ?? "");
}

const STATE: Record<ClusterOutcome["outcome"], string> = {
  "in-sync": "✅ matches Git",
  drift: "⚠️ drift",
  error: "❌ not checked",
  skipped: "⏭️ not checked yet",
  "no-config": "—",
  "invalid-config": "❌ invalid configuration",
};

export function dashboardBody(rows: Readonly<Record<string, Row>>, clock: DashboardClock): string {
  const lines = Object.entries(rows)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([cluster, row]) =>
        `| ${codeSpan(cluster)} | ${STATE[row.outcome]} | ${escapeMarkdown(row.summary)} | ${row.link ? `#${row.link}` : "—"} | ${row.checkedAt ? formatTime(row.checkedAt) : "—"} |`,
    );
  const next = new Date(clock.now.getTime() + clock.scheduleMinutes * 60_000).toISOString();
  return [
    "This issue lists the drift Plumbline found between Git and each cluster, and is updated after every check. Act on the pull requests; this issue closes nothing.",
    `| Cluster | State | Details | Proposal | Last checked |\n|---|---|---|---|---|\n${lines.join("\n")}`,
    `Scheduled checks run about every ${plural(clock.scheduleMinutes, "minute")}; the next is due around ${formatTime(next)}. Pushes to the default branch and \`/plumbline drift\` comments check sooner.`,
    RERUN_LINE,
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
  clock: DashboardClock,
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
      ...(outcome.outcome === "skipped" ? {} : { checkedAt: clock.now.toISOString() }),
    };
  }
  const body = dashboardBody(rows, clock);
  if (existing) {
    if (existing.body.trim() !== body.trim()) await editIssue(github, repo, existing.number, { body });
    return;
  }
  await openIssue(github, repo, { title: DASHBOARD_TITLE, body, labels: [] }, (candidate) => candidate.dashboard, login);
}
