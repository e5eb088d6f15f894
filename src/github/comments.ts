/**
 * The two ways a door comments on an issue or pull request without repeating itself: a sticky
 * comment edited in place (the Action's summary), and a comment posted exactly once (the bot's
 * replies, webhooks being redelivered and runs repeated). Both find their earlier comment with a
 * matcher the door gives: its hidden marker, and (for anything edited) its own authorship.
 */

import type { CommentMatcher, ForgeComment, RepoRef } from "../forge/platform.js";
import type { GitHubClient } from "./client.js";
import { createOnce, NO_RETRY } from "./create-once.js";
import { COMMENT_CHARACTERS, capCharacters } from "./limits.js";

/** Every comment of the thread (oldest first); with `since`, those updated since then. */
export async function listComments(client: GitHubClient, repo: RepoRef, thread: number, since?: string): Promise<ForgeComment[]> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...repo,
    issue_number: thread,
    per_page: 100,
    ...(since ? { since } : {}),
  });
  return comments.map((comment) => ({
    id: comment.id,
    body: comment.body,
    createdAt: comment.created_at,
    author: comment.user ? { login: comment.user.login, type: comment.user.type } : null,
  }));
}

/** Edits the earliest comment `isOurs` finds to `body`, or (with `create`) posts it. */
export async function upsertComment(
  client: GitHubClient,
  repo: RepoRef,
  thread: number,
  body: string,
  options: { readonly isOurs: CommentMatcher; readonly create: boolean; readonly marker?: string },
): Promise<"created" | "updated" | "not needed"> {
  const text = withMarker(body, options.marker);
  const existing = (await listComments(client, repo, thread)).find(options.isOurs);
  if (existing) {
    await client.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: text });
    return "updated";
  }
  if (!options.create) return "not needed";
  await client.rest.issues.createComment({ ...repo, issue_number: thread, body: text });
  return "created";
}

/**
 * Posts `body` unless `isPosted` finds it already. With `withinMs`, a comment counts only while it
 * is that young: at most one per period, kept in the thread itself, so every replica and restart
 * agrees. A doubtful create looks again before it tries again.
 */
export async function commentOnce(
  client: GitHubClient,
  repo: RepoRef,
  thread: number,
  body: string,
  options: {
    readonly isPosted: CommentMatcher;
    /** appended after `body` is cut to fit, so a long body never cuts off the marker that finds it */
    readonly marker?: string;
    readonly withinMs?: number;
    readonly now?: () => number;
  },
): Promise<"posted" | "exists"> {
  const posted = async () => {
    const since =
      options.withinMs !== undefined ? new Date((options.now ?? Date.now)() - options.withinMs).toISOString() : undefined;
    // GitHub's `since` is about updates: the creation time below is what counts
    const comments = await listComments(client, repo, thread, since);
    const young = (comment: ForgeComment) =>
      since === undefined || (comment.createdAt !== undefined && Date.parse(comment.createdAt) >= Date.parse(since));
    return comments.some((comment) => options.isPosted(comment) && young(comment)) ? ("exists" as const) : undefined;
  };
  if (await posted()) return "exists";
  return createOnce<"posted" | "exists">(async () => {
    await client.rest.issues.createComment({
      ...repo,
      issue_number: thread,
      body: withMarker(body, options.marker),
      ...NO_RETRY,
    });
    return "posted";
  }, posted);
}

/** `body` cut to GitHub's comment limit with room kept for the marker after it. */
export function withMarker(body: string, marker: string | undefined): string {
  if (marker === undefined) return capCharacters(body, COMMENT_CHARACTERS);
  const footer = `\n\n${marker}\n`;
  return `${capCharacters(body, COMMENT_CHARACTERS - footer.length)}${footer}`;
}
