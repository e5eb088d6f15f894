/** Who a client acts as, and whether a comment is that account's: hidden markers are public text. */

import type { CommentAuthor } from "../forge/platform.js";
import type { GitHubClient } from "./client.js";

/**
 * The login the client acts as: `github-actions[bot]` for a job's token, an App's `slug[bot]`, or a
 * user for a personal token. The REST API has no endpoint that answers this for an installation
 * token (`GET /user` is refused); GraphQL's `viewer` does. Undefined when it cannot be told (then
 * `onError` hears why, and no earlier comment is trusted as ours).
 */
export async function actingLogin(client: GitHubClient, onError: (error: Error) => void): Promise<string | undefined> {
  try {
    const { viewer } = await client.graphql<{ viewer: { login: string } }>("query { viewer { login } }");
    return typeof viewer?.login === "string" && viewer.login !== "" ? viewer.login : undefined;
  } catch (error) {
    onError(error instanceof Error ? error : new Error(String(error)));
    return undefined;
  }
}

/**
 * Whether a comment was posted by `actor`. Anyone can paste Plumbline's hidden markers into a
 * comment of their own; only the acting account's comments are ever edited or trusted. GraphQL may
 * name a bot with or without its `[bot]` suffix; a suffix-less match must be a bot.
 */
export function isAuthoredBy(author: CommentAuthor | null | undefined, actor: string | undefined): boolean {
  if (!actor || !author?.login) return false;
  const login = author.login.toLowerCase();
  const wanted = actor.toLowerCase();
  if (login === wanted) return true;
  const bare = (name: string) => name.replace(/\[bot\]$/, "");
  return author.type === "Bot" && bare(login) === bare(wanted);
}
