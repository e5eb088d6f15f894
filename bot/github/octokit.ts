/**
 * The Octokit the bot talks to GitHub with: Probot's (App auth, paginate, config plugin, retry of 5xx,
 * throttling) with bounded patience. Probot retries rate limits forever; a bot that runs on a
 * schedule does better to give up and try at the next run.
 */

import type { Logger } from "pino";
import { ProbotOctokit } from "probot";

export type GitHub = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

interface LimitOptions {
  readonly method: string;
  readonly url: string;
}

/** Secondary limits ask for a short wait: honour it twice, then fail the run. */
const MAX_SECONDARY_RETRIES = 2;
/** A primary limit that resets later than this is not waited for. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface OctokitTuning {
  /** merged into plugin-throttling's options (tests shorten waits and drop the write spacing) */
  readonly throttle?: Record<string, unknown>;
  /** merged into plugin-retry's options */
  readonly retry?: Record<string, unknown>;
}

export function createBotOctokit(tuning: OctokitTuning = {}): typeof ProbotOctokit {
  // plugin-throttling types its handlers as returning void, but retries only when they return true
  const throttle: Record<string, unknown> = {
    onSecondaryRateLimit: (retryAfter: number, options: LimitOptions, octokit: { log: Logger }, retryCount: number) => {
      octokit.log.warn({ method: options.method, url: options.url, retryAfter, retryCount }, "GitHub secondary rate limit");
      return retryCount < MAX_SECONDARY_RETRIES;
    },
    onRateLimit: (retryAfter: number, options: LimitOptions, octokit: { log: Logger }, retryCount: number) => {
      octokit.log.warn({ method: options.method, url: options.url, retryAfter, retryCount }, "GitHub rate limit");
      return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    },
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

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** The first line GitHub gave as the reason of a failed request, for logs and check runs. */
export function githubMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(" - https://")[0] ?? message).split("\n")[0] ?? message;
}
