import type { CheckAnnotation } from "./annotations.js";
import type { Repository } from "./environment.js";
import {
  ANNOTATION_MESSAGE_BYTES,
  ANNOTATION_RAW_DETAILS_BYTES,
  ANNOTATION_TITLE_CHARACTERS,
  ANNOTATIONS_PER_REQUEST,
  CHECK_RUN_TEXT_CHARACTERS,
  capBytes,
  capCharacters,
} from "../src/github/limits.js";
import type { GitHubClient } from "./octokit.js";

export { ANNOTATIONS_PER_REQUEST } from "../src/github/limits.js";
/** Past this many, further annotations add noise and requests, not information. */
export const MAX_ANNOTATIONS = 1000;

export const CHECK_NAME = "Plumbline";

export interface CheckRunContent {
  readonly conclusion: "success" | "failure" | "neutral";
  readonly title: string;
  readonly summary: string;
  readonly annotations: readonly CheckAnnotation[];
  readonly detailsUrl: string | undefined;
}

export interface CheckRunTarget {
  readonly client: GitHubClient;
  readonly repository: Repository;
  readonly headSha: string;
}

/**
 * Creates the completed check run with the first 50 annotations, then appends the rest 50 at a
 * time with updates (each update must repeat title and summary). Returns the run's id.
 */
export async function publishCheckRun(target: CheckRunTarget, content: CheckRunContent): Promise<number> {
  const { client, repository, headSha } = target;
  const annotations = content.annotations.slice(0, MAX_ANNOTATIONS).map(fitAnnotation);
  const batches: CheckAnnotation[][] = [];
  for (let start = 0; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST));
  }
  const output = (batch: CheckAnnotation[] | undefined) => ({
    title: content.title,
    summary: capCharacters(content.summary, CHECK_RUN_TEXT_CHARACTERS),
    ...(batch && batch.length > 0 ? { annotations: batch } : {}),
  });
  const { data } = await client.rest.checks.create({
    ...repository,
    name: CHECK_NAME,
    head_sha: headSha,
    status: "completed",
    conclusion: content.conclusion,
    completed_at: new Date().toISOString(),
    ...(content.detailsUrl ? { details_url: content.detailsUrl } : {}),
    output: output(batches[0]),
  });
  for (const batch of batches.slice(1)) {
    await client.rest.checks.update({ ...repository, check_run_id: data.id, output: output(batch) });
  }
  return data.id;
}

/** Each annotation's strings within the Checks API's limits: one over them fails the whole request. */
export function fitAnnotation(annotation: CheckAnnotation): CheckAnnotation {
  const rawDetails = (annotation as { raw_details?: string }).raw_details;
  return {
    ...annotation,
    title: capCharacters(annotation.title, ANNOTATION_TITLE_CHARACTERS),
    message: capBytes(annotation.message, ANNOTATION_MESSAGE_BYTES),
    ...(rawDetails !== undefined ? { raw_details: capBytes(rawDetails, ANNOTATION_RAW_DETAILS_BYTES) } : {}),
  };
}
