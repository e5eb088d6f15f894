import { upsertComment } from "../src/github/comments.js";
import { isAuthoredBy } from "../src/github/identity.js";
import { STICKY_MARKER } from "../src/review/index.js";
import type { Repository } from "./environment.js";
import type { GitHubClient } from "./octokit.js";

export interface StickyTarget {
  readonly client: GitHubClient;
  readonly repository: Repository;
  readonly number: number;
  /** the login the token acts as (see actingLogin); undefined: no comment is trusted as ours */
  readonly actor: string | undefined;
}

/**
 * Creates the sticky comment, or edits it in place when an earlier run left one: found by the
 * hidden marker in a comment of the Action's own account (anyone can paste the marker into theirs).
 */
export function upsertStickyComment(
  target: StickyTarget,
  body: string,
  options: { create: boolean },
): Promise<"created" | "updated" | "not needed"> {
  return upsertComment(target.client, target.repository, target.number, body, {
    create: options.create,
    isOurs: (comment) => comment.body?.includes(STICKY_MARKER) === true && isAuthoredBy(comment.author, target.actor),
  });
}
