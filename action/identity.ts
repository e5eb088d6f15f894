import * as core from "@actions/core";
import type { GitHubClient } from "./octokit.js";

/** The account a comment was posted by, as the REST API describes it. */
export interface CommentAuthor {
  readonly login?: string | undefined;
  readonly type?: string | undefined;
}

/**
 * The login the token acts as: `github-actions[bot]` for the job's token, an App's `slug[bot]`, or
 * a user for a personal token. The REST API has no endpoint that answers this for an installation
 * token (`GET /user` is refused), GraphQL's `viewer` does. Undefined when it cannot be told: then
 * no earlier comment is trusted as ours.
 */
export async function actingLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    const { viewer } = await client.graphql<{ viewer: { login: string } }>("query { viewer { login } }");
    return typeof viewer?.login === "string" && viewer.login !== "" ? viewer.login : undefined;
  } catch (error) {
    core.warning(
      `Plumbline cannot tell which account its token acts as (${(error as Error).message}): earlier comments are not edited, a new one is posted`,
    );
    return undefined;
  }
}

/**
 * Whether a comment was posted by the account the token acts as. Anyone can paste Plumbline's hidden
 * markers into a comment of their own; only this account's comments are ever edited or trusted.
 * GraphQL may name a bot with or without its `[bot]` suffix; a suffix-less match must be a bot.
 */
export function isAuthoredBy(author: CommentAuthor | null | undefined, actor: string | undefined): boolean {
  if (!actor || !author?.login) return false;
  const login = author.login.toLowerCase();
  const wanted = actor.toLowerCase();
  if (login === wanted) return true;
  const bare = (name: string) => name.replace(/\[bot\]$/, "");
  return author.type === "Bot" && bare(login) === bare(wanted);
}
