import type { Repository } from "./environment.js";
import { COMMENT_CHARACTERS, capCharacters } from "../src/github/limits.js";
import { type CommentAuthor, isAuthoredBy } from "./identity.js";
import type { GitHubClient } from "./octokit.js";
import { STICKY_MARKER } from "./pull-request-report.js";

export interface StickyTarget {
  readonly client: GitHubClient;
  readonly repository: Repository;
  readonly number: number;
  /** the login the token acts as (see actingLogin); undefined: no comment is trusted as ours */
  readonly actor: string | undefined;
}

interface ListedComment {
  readonly id: number;
  readonly body?: string | undefined;
  readonly user?: CommentAuthor | null;
}

/**
 * Creates the sticky comment, or edits it in place when an earlier run left one: found by the
 * hidden marker in a comment of the Action's own account (anyone can paste the marker into theirs).
 */
export async function upsertStickyComment(
  target: StickyTarget,
  body: string,
  options: { create: boolean },
): Promise<"created" | "updated" | "not needed"> {
  const { client, repository, number } = target;
  body = capCharacters(body, COMMENT_CHARACTERS);
  const comments: ListedComment[] = await client.paginate(client.rest.issues.listComments, {
    ...repository,
    issue_number: number,
    per_page: 100,
  });
  const existing = findSticky(comments, target.actor);
  if (existing) {
    await client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body });
    return "updated";
  }
  if (!options.create) return "not needed";
  await client.rest.issues.createComment({ ...repository, issue_number: number, body });
  return "created";
}

/** The earliest comment that carries the marker and was posted by `actor`; never someone else's. */
export function findSticky(comments: readonly ListedComment[], actor: string | undefined): ListedComment | undefined {
  return comments.find((comment) => comment.body?.includes(STICKY_MARKER) && isAuthoredBy(comment.user, actor));
}
