/**
 * The one check-run writer. A report without an external id is a new completed run (the Action: one
 * per workflow run); with one, the latest run of that name on the commit is updated in place, and
 * a result equal to the last sends nothing (the bot: one run per cluster, every schedule tick).
 * Annotations go 50 a request, the first batch with the create or update and the rest in updates
 * (each must repeat title and summary); every string is cut to GitHub's limits first. GitHub
 * appends annotations on every update, so a run kept in place should carry none (the bot's carry none).
 */

import type { CheckAnnotation, CheckReport, CheckResult, RepoRef } from "../forge/platform.js";
import type { GitHubClient } from "./client.js";
import { createOnce, NO_RETRY } from "./create-once.js";
import {
  ANNOTATION_MESSAGE_BYTES,
  ANNOTATION_RAW_DETAILS_BYTES,
  ANNOTATION_TITLE_CHARACTERS,
  ANNOTATIONS_PER_REQUEST,
  CHECK_RUN_TEXT_CHARACTERS,
  CHECK_RUN_TITLE_CHARACTERS,
  capBytes,
  capCharacters,
} from "./limits.js";

/** Past this many, further annotations add noise and requests, not information. */
export const MAX_ANNOTATIONS = 1000;

export interface CheckRunWritten {
  readonly id: number;
  readonly result: CheckResult;
}

export async function writeCheckRun(client: GitHubClient, repo: RepoRef, report: CheckReport): Promise<CheckRunWritten> {
  const batches = annotationBatches(report.annotations ?? []);
  const output = (batch: readonly CheckAnnotation[] | undefined) => ({
    title: capCharacters(report.title, CHECK_RUN_TITLE_CHARACTERS),
    summary: capCharacters(report.summary, CHECK_RUN_TEXT_CHARACTERS),
    ...(batch && batch.length > 0 ? { annotations: [...batch] } : {}),
  });
  const fields = {
    status: "completed" as const,
    conclusion: report.conclusion,
    ...(report.externalId !== undefined ? { external_id: report.externalId } : {}),
    ...(report.detailsUrl ? { details_url: report.detailsUrl } : {}),
  };
  const create = async (request: object) => {
    const { data } = await client.rest.checks.create({
      ...repo,
      name: report.name,
      head_sha: report.headSha,
      completed_at: new Date().toISOString(),
      ...fields,
      output: output(batches[0]),
      ...request,
    });
    return data.id;
  };

  let written: CheckRunWritten;
  if (report.externalId === undefined) {
    written = { id: await create({}), result: "created" };
  } else {
    const latest = () => latestRun(client, repo, report);
    const existing = await latest();
    if (existing) {
      const wanted = output(undefined);
      const same =
        existing.external_id === report.externalId &&
        existing.conclusion === report.conclusion &&
        existing.output.title === wanted.title;
      if (same && batches.length === 0) return { id: existing.id, result: "unchanged" };
      await client.rest.checks.update({ ...repo, check_run_id: existing.id, ...fields, output: output(batches[0]) });
      written = { id: existing.id, result: "updated" };
    } else {
      // without automatic retry: a doubtful create looks for the run before it tries again
      const id = await createOnce(
        () => create(NO_RETRY),
        async () => (await latest())?.id,
      );
      written = { id, result: "created" };
    }
  }
  for (const batch of batches.slice(1)) {
    await client.rest.checks.update({ ...repo, check_run_id: written.id, output: output(batch) });
  }
  return written;
}

/** The newest run of the report's name on its commit. */
async function latestRun(client: GitHubClient, repo: RepoRef, report: CheckReport) {
  const { data } = await client.rest.checks.listForRef({
    ...repo,
    ref: report.headSha,
    check_name: report.name,
    filter: "latest",
    per_page: 10,
  });
  return data.check_runs[0];
}

/** At most MAX_ANNOTATIONS, each within the limits, 50 a request. */
function annotationBatches(annotations: readonly CheckAnnotation[]): CheckAnnotation[][] {
  const fitted = annotations.slice(0, MAX_ANNOTATIONS).map(fitAnnotation);
  const batches: CheckAnnotation[][] = [];
  for (let start = 0; start < fitted.length; start += ANNOTATIONS_PER_REQUEST) {
    batches.push(fitted.slice(start, start + ANNOTATIONS_PER_REQUEST));
  }
  return batches;
}

/** Each annotation's strings within the Checks API's limits: one over them fails the whole request. */
export function fitAnnotation(annotation: CheckAnnotation): CheckAnnotation {
  return {
    ...annotation,
    title: capCharacters(annotation.title, ANNOTATION_TITLE_CHARACTERS),
    message: capBytes(annotation.message, ANNOTATION_MESSAGE_BYTES),
    ...(annotation.raw_details !== undefined
      ? { raw_details: capBytes(annotation.raw_details, ANNOTATION_RAW_DETAILS_BYTES) }
      : {}),
  };
}

/** The check run of `report.name` on the commit, kept up to date in place (see writeCheckRun). */
export async function upsertCheckRun(
  client: GitHubClient,
  repo: RepoRef,
  report: CheckReport & { readonly externalId: string },
): Promise<CheckResult> {
  return (await writeCheckRun(client, repo, report)).result;
}
