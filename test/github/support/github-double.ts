import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect } from "vitest";
import { createTokenClient, type GitHubClient, type RateLimitPolicy } from "../../../src/github/client.js";
import { readGitHubRequest } from "../../support/github/intake.js";
import { githubApi } from "../../support/github/openapi.js";

/**
 * GitHub on 127.0.0.1 for the adapter's tests: each test says how the operations it expects are
 * answered; every request is judged against GitHub's OpenAPI description, and one nobody answers
 * is a violation. What the adapter sends is recorded for the test to read.
 */

export type Answer = [status: number, data?: unknown, headers?: Record<string, string>];
export type Handler = (request: { params: Record<string, string>; url: URL; body: Record<string, unknown> }) => Answer;

export interface Sent {
  /** `POST /repos/{owner}/{repo}/check-runs` */
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly url: URL;
  readonly status: number;
}

export const TOKEN = "ghs_adaptertest";
export const REPO = { owner: "octo-org", repo: "deploy" } as const;

/** plugin-throttling spaces writes a second apart; tests keep the order but not the wait. */
const immediate = {
  key: () => ({ schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => job(...args) }),
};

export class GitHubDouble {
  readonly sent: Sent[] = [];
  readonly violations: string[] = [];
  readonly warnings: string[] = [];
  private readonly handlers = new Map<string, Handler>();
  private server: Server | undefined;
  url = "";

  /** Answers `operation` (`METHOD template`) with `handler` from now on. */
  on(operation: string, handler: Handler): this {
    this.handlers.set(operation, handler);
    return this;
  }

  /** `operation`'s handler then, once, `status` instead of its answer: a write whose answer is lost. */
  loseAnswerOnce(operation: string, status: number): this {
    const real = this.handlers.get(operation);
    if (!real) throw new Error(`nobody answers ${operation} yet`);
    return this.on(operation, (request) => {
      real(request);
      this.handlers.set(operation, real);
      return [status, { message: "Server Error" }];
    });
  }

  /** What was sent to `operation`, in order. */
  bodies(operation: string): Record<string, unknown>[] {
    return this.sent.filter((request) => request.operation === operation).map((request) => request.body);
  }

  async start(): Promise<void> {
    githubApi(); // parse the description before the first request, not during it
    this.server = createServer((request, response) => {
      void readGitHubRequest(request, this.url).then(({ url, body, verdict, violations }) => {
        this.violations.push(...violations);
        if (request.headers.authorization !== `token ${TOKEN}`) this.violations.push(`${url.pathname}: wrong authorization`);
        const operation = verdict.operation ?? `${request.method} ${url.pathname}`;
        const handler = this.handlers.get(operation);
        if (!handler) this.violations.push(`nobody answers ${operation}`);
        const params = pathParams(operation, url.pathname);
        const [status, data, headers] = handler?.({ params, url, body: (body ?? {}) as Record<string, unknown> }) ?? [404];
        this.sent.push({ operation, body: (body ?? {}) as Record<string, unknown>, url, status });
        response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        response.end(data === undefined ? "" : JSON.stringify(data));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** The adapter's own client on this double: throttling and retry on, waits cut to milliseconds. */
  client(policy: RateLimitPolicy = { primaryRetries: 1, secondaryRetries: 1, maxPrimaryWaitSeconds: 60 }): GitHubClient {
    return createTokenClient(TOKEN, {
      baseUrl: this.url,
      userAgent: "plumbline-test",
      policy,
      log: { debug: () => {}, warn: (message) => this.warnings.push(message), error: () => {} },
      throttle: { write: immediate, notifications: immediate, retryAfterBaseValue: 5 },
    });
  }
}

function pathParams(operation: string, pathname: string): Record<string, string> {
  const names = (operation.split(" ")[1] ?? "").split("/");
  const values = pathname.split("/");
  const params: Record<string, string> = {};
  names.forEach((segment, index) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name) params[name] = decodeURIComponent(values[index] ?? "");
  });
  return params;
}

/**
 * A fresh double for each test of the file (started before, closed after); a test fails on any
 * request the OpenAPI description rejects or nobody answered.
 */
export function useGitHubDouble(): () => GitHubDouble {
  let github: GitHubDouble | undefined;
  beforeEach(async () => {
    github = new GitHubDouble();
    await github.start();
  });
  afterEach(async () => {
    await github?.close();
    expect(github?.violations).toEqual([]);
  });
  return () => {
    if (!github) throw new Error("the double starts before each test");
    return github;
  };
}
