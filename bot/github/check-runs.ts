/**
 * One check run per cluster on the default branch's head, updated in place: a run that finds the
 * same result as the last one sends nothing.
 */

import { createOnce, NO_RETRY } from "./create-once.js";
import type { GitHub, RepoRef } from "./octokit.js";

export interface CheckRunReport {
  readonly name: string;
  readonly headSha: string;
  readonly conclusion: "success" | "neutral" | "failure";
  readonly title: string;
  readonly summary: string;
  /** what the result is about (a drift fingerprint, an error code): equal means nothing to update */
  readonly externalId: string;
}

/** GitHub's limit for a check run's summary and text. */
const MAX_SUMMARY = 65_000;

export async function upsertCheckRun(
  github: GitHub,
  repo: RepoRef,
  report: CheckRunReport,
): Promise<"created" | "updated" | "unchanged"> {
  const find = async () => {
    const { data } = await github.rest.checks.listForRef({
      ...repo,
      ref: report.headSha,
      check_name: report.name,
      filter: "latest",
      per_page: 10,
    });
    return data.check_runs[0];
  };
  const existing = await find();
  const output = { title: report.title.slice(0, 250), summary: report.summary.slice(0, MAX_SUMMARY) };
  if (existing) {
    if (
      existing.external_id === report.externalId &&
      existing.conclusion === report.conclusion &&
      existing.output.title === output.title
    )
      return "unchanged";
    await github.rest.checks.update({
      ...repo,
      check_run_id: existing.id,
      status: "completed",
      conclusion: report.conclusion,
      external_id: report.externalId,
      output,
    });
    return "updated";
  }
  await createOnce(
    async () => {
      await github.rest.checks.create({
        ...repo,
        name: report.name,
        head_sha: report.headSha,
        status: "completed",
        conclusion: report.conclusion,
        completed_at: new Date().toISOString(),
        external_id: report.externalId,
        output,
        ...NO_RETRY,
      });
      return true;
    },
    async () => ((await find()) ? true : undefined),
  );
  return "created";
}
