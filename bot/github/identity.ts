/**
 * Who the bot is on GitHub: `<slug>[bot]`. Commits the App makes through the API are authored by
 * this account, which is how the bot tells its own commits on a drift branch from a person's.
 */

import type { GitHub } from "./octokit.js";

export interface BotIdentity {
  readonly slug: string;
  /** `plumbline[bot]` */
  readonly login: string;
}

/** One `GET /app` (App JWT), remembered: the slug never changes while the process runs. */
export function identityLoader(appOctokit: () => Promise<GitHub>): () => Promise<BotIdentity> {
  let pending: Promise<BotIdentity> | undefined;
  return () => {
    pending ??= appOctokit()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => {
        const slug = data?.slug;
        if (!slug) throw new Error("GET /app returned no slug");
        return { slug, login: `${slug}[bot]` };
      })
      .catch((error: unknown) => {
        pending = undefined; // try again next time
        throw error;
      });
    return pending;
  };
}

interface CommitAuthorship {
  readonly author?: { readonly login?: string } | null;
  readonly commit: { readonly author?: { readonly email?: string; readonly name?: string } | null };
}

/**
 * Whether the bot wrote this commit. The GitHub account decides; when GitHub could not link one,
 * the bot's no-reply address (`<id>+<slug>[bot]@users.noreply.github.com`) does.
 */
export function isBotCommit(commit: CommitAuthorship, identity: BotIdentity): boolean {
  if (commit.author?.login) return commit.author.login === identity.login;
  const email = commit.commit.author?.email ?? "";
  return email.endsWith(`+${identity.login}@users.noreply.github.com`);
}
