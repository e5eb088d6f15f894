/**
 * Comments on issues and pull requests, each exactly once: every comment carries a key in a hidden
 * marker, the thread is searched for the key before posting (webhooks are redelivered, runs
 * repeat), and a doubtful create looks again before it tries again.
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
): Promise<"posted" | "exists"> {
  const posted = async () => {
    const comments = await github.paginate(github.rest.issues.listComments, {
      ...repo,
      issue_number: issueNumber,
      per_page: 100,
    });
    return comments.some((comment) => readMarker<{ key?: string }>(comment.body, "comment")?.key === key)
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
