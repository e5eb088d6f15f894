/**
 * The bot's comments on issues and pull requests, each exactly once: every comment carries a key
 * in the bot's hidden marker, and the adapter's commentOnce (src/github/comments.ts) searches the
 * thread for it before posting. With `withinMs`, a comment with the key counts only while it is
 * that young: at most one such comment per period. Only a comment an App wrote counts: anyone can
 * paste the marker into their own comment, and must not silence the bot's reply with it.
 */

import { commentOnce as postOnce } from "../../src/github/comments.js";
import { readMarker, writeMarker } from "../proposal/marker.js";
import type { GitHub, RepoRef } from "./octokit.js";

export function commentOnce(
  github: GitHub,
  repo: RepoRef,
  issueNumber: number,
  key: string,
  body: string,
  options: { readonly withinMs?: number; readonly now?: () => number } = {},
): Promise<"posted" | "exists"> {
  return postOnce(github, repo, issueNumber, body, {
    ...options,
    marker: writeMarker("comment", { key }),
    isPosted: (comment) => comment.author?.type === "Bot" && readMarker<{ key?: string }>(comment.body, "comment")?.key === key,
  });
}
