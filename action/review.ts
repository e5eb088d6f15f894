import * as core from "@actions/core";
import { COMMENT_CHARACTERS, capCharacters } from "../src/github/limits.js";
import { type InlineComment, postedFingerprints } from "../src/review/index.js";
import type { Repository } from "./environment.js";
import { isAuthoredBy } from "./identity.js";
import type { GitHubClient } from "./octokit.js";

export interface ReviewTarget {
  readonly client: GitHubClient;
  readonly repository: Repository;
  readonly number: number;
  readonly headSha: string;
  /** the login the token acts as (see actingLogin); only its comments' markers count */
  readonly actor: string | undefined;
}

/**
 * Fingerprints already commented inline on this pull request by an earlier run: markers in comments
 * of the Action's own account only, so nobody can silence a finding by pasting its marker.
 */
export async function listPostedFingerprints(target: ReviewTarget): Promise<Set<string>> {
  const { client, repository, number } = target;
  const comments = await client.paginate(client.rest.pulls.listReviewComments, {
    ...repository,
    pull_number: number,
    per_page: 100,
  });
  return postedFingerprints(
    comments.filter((comment) => isAuthoredBy(comment.user, target.actor)).map((comment) => comment.body),
  );
}

/**
 * Posts the planned inline comments as one review; true when they arrived. A 422 (GitHub refused a
 * line after all) is a warning: the findings are then listed in the comment and annotated instead.
 */
export async function postInlineComments(
  target: ReviewTarget,
  comments: readonly InlineComment[],
  body: string,
): Promise<boolean> {
  if (comments.length === 0) return true;
  try {
    await postReview(target, comments, body);
    return true;
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
    core.warning(`GitHub refused the inline comments (${(error as Error).message}); they are listed in the comment instead`);
    return false;
  }
}

/**
 * One review holding every new inline comment, pinned to the head sha so the lines mean what they
 * meant when the diff was read. `COMMENT`, never `REQUEST_CHANGES`: the gate is the job's result,
 * and a blocking review would outlive the findings it is about.
 */
export async function postReview(target: ReviewTarget, comments: readonly InlineComment[], body: string): Promise<void> {
  const { client, repository, number, headSha } = target;
  await client.rest.pulls.createReview({
    ...repository,
    pull_number: number,
    commit_id: headSha,
    event: "COMMENT",
    body: capCharacters(body, COMMENT_CHARACTERS),
    comments: comments.map((comment) => ({
      path: comment.path,
      line: comment.line,
      side: "RIGHT" as const,
      ...(comment.startLine !== undefined ? { start_line: comment.startLine, start_side: "RIGHT" as const } : {}),
      body: capCharacters(comment.body, COMMENT_CHARACTERS),
    })),
  });
}
