/**
 * Comments on issues and pull requests, each exactly once: every comment carries a key in a hidden
 * marker, the thread is searched for the key before posting (webhooks are redelivered, runs
 * repeat), and a doubtful create looks again before it tries again. With `withinMs`, a comment
 * with the key counts only while it is that young: at most one such comment per period, kept in
 * the thread itself, so every replica and every restart agrees.
 */

import { readMarker, writeMarker } from "../proposal/marker.js";
import { createOnce, NO_RETRY } from "./create-once.js";
import type { GitHub, RepoRef } from "./octokit.js";

export async function commentOnce(
  github: GitHub,
  repo: RepoRef,
  issueNumber: number,
  key: string,
  body: string,
  options: { readonly withinMs?: number; readonly now?: () => number } = {},
): Promise<"posted" | "exists"> {
  const posted = async () => {
    const since =
      options.withinMs !== undefined ? new Date((options.now ?? Date.now)() - options.withinMs).toISOString() : undefined;
    const comments = await github.paginate(github.rest.issues.listComments, {
      ...repo,
      issue_number: issueNumber,
      per_page: 100,
      // GitHub's `since` is about updates: the creation time below is what counts
      ...(since ? { since } : {}),
    });
    return comments.some(
      (comment) =>
        readMarker<{ key?: string }>(comment.body, "comment")?.key === key &&
        (since === undefined || Date.parse(comment.created_at) >= Date.parse(since)),
    )
      ? ("exists" as const)
      : undefined;
  };
  if (await posted()) return "exists";
  return createOnce<"posted" | "exists">(async () => {
    await github.rest.issues.createComment({
      ...repo,
      issue_number: issueNumber,
      body: `${body}\n\n${writeMarker("comment", { key })}\n`,
      ...NO_RETRY,
    });
    return "posted";
  }, posted);
}
