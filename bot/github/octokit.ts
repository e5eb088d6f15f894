/**
 * The Octokit the bot talks to GitHub with: Probot's (App auth, paginate, config plugin, retry of 5xx,
 * throttling) with the adapter's rate-limit policy. Probot retries rate limits forever; a bot that
 * runs on a schedule does better to give up and try at the next run.
 */

import type { Logger } from "pino";
import { ProbotOctokit } from "probot";
import { type RateLimitPolicy, throttleOptions } from "../../src/github/client.js";

export type { RepoRef } from "../../src/forge/platform.js";
export { githubMessage, statusOf } from "../../src/github/client.js";

export type GitHub = InstanceType<typeof ProbotOctokit>;

/** Secondary limits ask for a short wait: honour it twice; a primary limit once, if it resets within a minute. */
const POLICY: RateLimitPolicy = { secondaryRetries: 2, primaryRetries: 1, maxPrimaryWaitSeconds: 60 };

export interface OctokitTuning {
  /** merged into plugin-throttling's options (tests shorten waits and drop the write spacing) */
  readonly throttle?: Record<string, unknown>;
  /** merged into plugin-retry's options */
  readonly retry?: Record<string, unknown>;
}

export function createBotOctokit(tuning: OctokitTuning = {}): typeof ProbotOctokit {
  const throttle: Record<string, unknown> = {
    ...throttleOptions(POLICY, (event, octokit) => {
      const { kind, method, url, retryAfter, retryCount } = event;
      (octokit as { log: Logger }).log.warn(
        { method, url, retryAfter, retryCount },
        kind === "secondary" ? "GitHub secondary rate limit" : "GitHub rate limit",
      );
    }),
    ...tuning.throttle,
  };
  // a function, not an object: Probot passes throttle options of its own (whose secondary-limit
  // handler never retries) and a plain object would be replaced by them, not merged
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: { ...(options.throttle as object | undefined), ...throttle },
    ...(tuning.retry ? { retry: { ...(options.retry as object | undefined), ...tuning.retry } } : {}),
  }));
}
