import type { Repository } from "./environment.js";
import type { GitHubClient } from "./octokit.js";
import { STICKY_MARKER } from "./pull-request-report.js";

export interface StickyTarget {
  readonly client: GitHubClient;
  readonly repository: Repository;
  readonly number: number;
}

interface ListedComment {
  readonly id: number;
  readonly body?: string | undefined;
  readonly user?: { readonly type?: string } | null;
}

/**
 * Creates the sticky comment, or edits it in place when an earlier run left one: found by the
 * hidden marker, preferring a bot's (anyone can paste the marker into their own comment).
 */
export async function upsertStickyComment(
  target: StickyTarget,
  body: string,
  options: { create: boolean },
): Promise<"created" | "updated" | "not needed"> {
  const { client, repository, number } = target;
  const comments: ListedComment[] = await client.paginate(client.rest.issues.listComments, {
    ...repository,
    issue_number: number,
    per_page: 100,
  });
  const existing = findSticky(comments);
  if (existing) {
    await client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body });
    return "updated";
  }
  if (!options.create) return "not needed";
  await client.rest.issues.createComment({ ...repository, issue_number: number, body });
  return "created";
}

export function findSticky(comments: readonly ListedComment[]): ListedComment | undefined {
  const marked = comments.filter((comment) => comment.body?.includes(STICKY_MARKER));
  return marked.find((comment) => comment.user?.type === "Bot") ?? marked[0];
}
