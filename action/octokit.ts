import * as core from "@actions/core";
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { TOOL } from "../src/report/tool.js";

export type GitHubClient = ReturnType<typeof getOctokit>;

/** How often a request that hit a rate limit is tried again before the step gives up on it. */
const RATE_LIMIT_RETRIES = 2;

/**
 * The one client the Action talks to GitHub with. The base URL comes from GITHUB_API_URL (GitHub
 * Enterprise, or a test's local server) and is passed explicitly, so nothing else can be contacted.
 * Throttling spaces writes as GitHub asks (one a second, three seconds between notifying writes)
 * and waits out primary and secondary rate limits; retry covers transient 5xx answers.
 */
export function createClient(token: string, baseUrl: string): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const again = retryCount < RATE_LIMIT_RETRIES;
      core.warning(
        `GitHub's ${kind} rate limit hit on ${options.method} ${options.url}; ${again ? `retrying in ${retryAfter}s` : "giving up"}`,
      );
      return again;
    };
  return getOctokit(
    token,
    {
      baseUrl,
      userAgent: `plumbline-action/${TOOL.version}`,
      throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
      // Octokit's default logger prints to the console; route it through the job log levels instead
      log: { debug: core.debug, info: core.debug, warn: core.warning, error: core.error },
    },
    retry,
    throttling,
  );
}
