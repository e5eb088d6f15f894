import type { CheckAnnotation } from "../src/forge/platform.js";
import { writeCheckRun } from "../src/github/check-run.js";
import type { Repository } from "./environment.js";
import type { GitHubClient } from "./octokit.js";

export { MAX_ANNOTATIONS } from "../src/github/check-run.js";
export { ANNOTATIONS_PER_REQUEST } from "../src/github/limits.js";

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

/** A new completed "Plumbline" run on the head sha for each workflow run (the adapter batches its annotations). */
export async function publishCheckRun(target: CheckRunTarget, content: CheckRunContent): Promise<number> {
  const written = await writeCheckRun(target.client, target.repository, {
    name: CHECK_NAME,
    headSha: target.headSha,
    ...content,
  });
  return written.id;
}
