/**
 * The one way a door gets an Octokit, and what every GitHub call shares: the client type both doors'
 * Octokits satisfy, the rate-limit policy, and how a failed request is read.
 *
 * The bot passes Probot's Octokit in (App auth, plus the retry and throttling plugins Probot already
 * loads) and tunes it with `throttleOptions`; the Action builds one with `createTokenClient`.
 */

import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

/**
 * An Octokit with the REST methods, `paginate` and `graphql`: what `@actions/github` builds, and a
 * subset of Probot's. Every function in src/github/ takes this, so either door's client fits.
 */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** A rate limit GitHub answered with, and what the policy made of it. */
export interface RateLimitEvent {
  readonly kind: "primary" | "secondary";
  readonly method: string;
  readonly url: string;
  readonly retryAfter: number;
  readonly retryCount: number;
  readonly retrying: boolean;
}

/** How patient a door is with GitHub's rate limits. */
export interface RateLimitPolicy {
  /** a secondary limit asks for a short wait: retried this many times */
  readonly secondaryRetries: number;
  /** a primary limit: retried this many times... */
  readonly primaryRetries: number;
  /** ...and only when it resets within this many seconds */
  readonly maxPrimaryWaitSeconds: number;
}

interface LimitedRequest {
  readonly method: string;
  readonly url: string;
}

/** plugin-throttling's handler shape; the answer is whether to retry. */
type LimitHandler = (retryAfter: number, options: LimitedRequest, octokit: unknown, retryCount: number) => boolean;

/**
 * plugin-throttling's handlers for `policy`; `report` hears of every limit hit (with the Octokit
 * that hit it, whose logger may carry the installation). The handlers return whether to retry (the
 * plugin types them as returning void, but retries only on true).
 */
export function throttleOptions(
  policy: RateLimitPolicy,
  report: (event: RateLimitEvent, octokit: unknown) => void,
): { onRateLimit: LimitHandler; onSecondaryRateLimit: LimitHandler } {
  const handler =
    (kind: RateLimitEvent["kind"], again: (retryAfter: number, retryCount: number) => boolean) =>
    (retryAfter: number, options: LimitedRequest, octokit: unknown, retryCount: number): boolean => {
      const retrying = again(retryAfter, retryCount);
      report({ kind, method: options.method, url: options.url, retryAfter, retryCount, retrying }, octokit);
      return retrying;
    };
  return {
    onRateLimit: handler(
      "primary",
      (retryAfter, count) => count < policy.primaryRetries && retryAfter <= policy.maxPrimaryWaitSeconds,
    ),
    onSecondaryRateLimit: handler("secondary", (_retryAfter, count) => count < policy.secondaryRetries),
  };
}

/** One line for a job log: which limit, which request, and whether it is tried again. */
export function describeRateLimit(event: RateLimitEvent): string {
  const next = event.retrying ? `retrying in ${event.retryAfter}s` : "giving up";
  return `GitHub's ${event.kind} rate limit hit on ${event.method} ${event.url}; ${next}`;
}

export interface TokenClientOptions {
  /** GITHUB_API_URL (GitHub Enterprise, or a test's local server): passed explicitly, so nothing else is contacted */
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly policy: RateLimitPolicy;
  readonly log: { debug(message: string): void; warn(message: string): void; error(message: string): void };
  /** merged into plugin-throttling's options (tests drop the write spacing) */
  readonly throttle?: Record<string, unknown>;
}

/**
 * A client for a token (the Action's job token, a personal token). Throttling spaces writes as
 * GitHub asks (one a second, three seconds between notifying writes) and waits out rate limits as
 * `policy` allows; retry covers transient 5xx answers.
 */
export function createTokenClient(token: string, options: TokenClientOptions): GitHubClient {
  const { log } = options;
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      userAgent: options.userAgent,
      throttle: { ...throttleOptions(options.policy, (event) => log.warn(describeRateLimit(event))), ...options.throttle },
      // Octokit's default logger prints to the console; route it through the door's log instead
      log: { debug: log.debug, info: log.debug, warn: log.warn, error: log.error },
    },
    retry,
    throttling,
  );
}

/** Request options that switch plugin-retry off for one request (see createOnce). */
export const NO_RETRY = { request: { retries: 0 } } as const;

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * 403 "Resource not accessible by integration" is how GitHub answers a write with a read-only token
 * (a fork's pull request, or `permissions:` without the scope); 404 is how it answers when the token
 * cannot see the resource at all. Rate limits are also 403s, but the throttling plugin has already
 * waited those out before an error reaches this point.
 */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

/** The first line GitHub gave as the reason of a failed request, for logs and check runs. */
export function githubMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(" - https://")[0] ?? message).split("\n")[0] ?? message;
}
