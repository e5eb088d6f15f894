import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readGitHubRequest } from "../../support/github/intake.js";
import { githubApi } from "../../support/github/openapi.js";

/**
 * A small stand-in for api.github.com on 127.0.0.1: it keeps the state the Action reads back
 * (comments, review comments, reviews, check runs, statuses), records every request, and judges
 * each one against GitHub's OpenAPI description. Anything the description rejects, or that this
 * mock does not serve, lands in `violations` and fails the test.
 */

export interface PullFile {
  readonly filename: string;
  readonly status: string;
  readonly patch?: string;
  readonly previous_filename?: string;
  readonly additions: number;
  readonly deletions: number;
  readonly changes: number;
  readonly sha: string;
}

export interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: "blob" | "tree";
  readonly sha: string;
  readonly size?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** `POST /repos/{owner}/{repo}/check-runs` */
  readonly operation: string | undefined;
  readonly body: unknown;
  readonly status: number;
}

export interface User {
  readonly login: string;
  readonly id: number;
  readonly type: "Bot" | "User";
}

export interface StoredComment {
  id: number;
  body: string;
  user: User;
}

export interface StoredReviewComment {
  readonly id: number;
  readonly review_id: number;
  readonly path: string;
  readonly line: number;
  readonly start_line: number | null;
  readonly commit_id: string;
  readonly body: string;
  readonly user: User;
}

export interface StoredCheckRun {
  readonly id: number;
  readonly head_sha: string;
  readonly name: string;
  conclusion: string | undefined;
  title: string;
  summary: string;
  annotations: Record<string, unknown>[];
  /** annotations per request, in order */
  batches: number[];
}

export interface MockState {
  /** files of each pull request, as `pulls.listFiles` returns them (capped at 3,000 like GitHub) */
  pullFiles: Map<number, PullFile[]>;
  /** head sha of each pull request, which a review's commit_id must name */
  heads: Map<number, string>;
  trees: Map<string, TreeEntry[]>;
  blobs: Map<string, Buffer>;
  issueComments: StoredComment[];
  reviewComments: StoredReviewComment[];
  reviews: { id: number; commit_id: string; body: string; event: string }[];
  checkRuns: StoredCheckRun[];
  statuses: { sha: string; state: string; context: string; description: string }[];
  /** every write answers 403, as for a fork's read-only token */
  readOnly: boolean;
  /** operations (`METHOD template`) that answer one secondary rate limit before succeeding */
  secondaryLimitOnce: Set<string>;
  /** what GraphQL's `viewer { login }` answers (undefined: refused); the account comments are posted as */
  viewer: string | undefined;
}

export const BOT: User = { login: "github-actions[bot]", id: 41898282, type: "Bot" };
const LIST_FILES_CAP = 3000;

export class MockGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly state: MockState = {
    pullFiles: new Map(),
    heads: new Map(),
    trees: new Map(),
    blobs: new Map(),
    issueComments: [],
    reviewComments: [],
    reviews: [],
    checkRuns: [],
    statuses: [],
    readOnly: false,
    secondaryLimitOnce: new Set(),
    viewer: BOT.login,
  };
  private server: Server | undefined;
  private nextId = 1000;
  url = "";

  constructor(
    private readonly owner: string,
    private readonly repo: string,
    private readonly token: string,
  ) {}

  async start(): Promise<void> {
    githubApi(); // parse the description before the first request, not during it
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        this.violations.push(`mock crashed: ${error.stack ?? error.message}`);
        response.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Requests per operation, e.g. `{ "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1 }`. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests) {
      const key = request.operation ?? `${request.method} ${request.url}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.url === "/graphql") return this.graphql(request, response);
    const { method, url, body, verdict, violations } = await readGitHubRequest(request, this.url);
    this.violations.push(...violations);
    if (request.headers.authorization !== `token ${this.token}`) {
      this.violations.push(`${method} ${url.pathname}: missing or wrong authorization header`);
    }
    const reply = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, url: url.pathname + url.search, operation: verdict.operation, body, status });
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(data === undefined ? "" : JSON.stringify(data));
    };
    const operation = verdict.operation ?? "";
    if (this.state.secondaryLimitOnce.delete(operation)) {
      return reply(
        403,
        { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
        { "retry-after": "1" },
      );
    }
    if (this.state.readOnly && method !== "GET") {
      return reply(403, {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest",
        status: "403",
      });
    }
    const params = pathParams(operation, url.pathname);
    const [status, data, headers] = this.route(operation, params, url, body as Record<string, unknown>);
    if (status === 404 && !verdict.operation) this.violations.push(`unexpected request ${method} ${url.pathname}`);
    reply(status, data, headers);
  }

  private route(
    operation: string,
    params: Record<string, string>,
    url: URL,
    body: Record<string, unknown>,
  ): [number, unknown, Record<string, string>?] {
    const s = this.state;
    if (params.owner !== this.owner || params.repo !== this.repo) return [404, { message: "Not Found" }];
    const issue = Number(params.issue_number ?? params.pull_number);
    switch (operation) {
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/files":
        return this.page(url, (s.pullFiles.get(issue) ?? []).slice(0, LIST_FILES_CAP));
      case "GET /repos/{owner}/{repo}/issues/{issue_number}/comments":
        return this.page(url, s.issueComments);
      case "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": {
        const comment = { id: this.id(), body: String(body.body), user: BOT };
        s.issueComments.push(comment);
        return [201, comment];
      }
      case "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": {
        const comment = s.issueComments.find((c) => c.id === Number(params.comment_id));
        if (!comment) return [404, { message: "Not Found" }];
        comment.body = String(body.body);
        return [200, comment];
      }
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments":
        return this.page(url, s.reviewComments);
      case "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews":
        return this.createReview(issue, body);
      case "POST /repos/{owner}/{repo}/check-runs": {
        const output = (body.output ?? {}) as Record<string, unknown>;
        const annotations = (output.annotations as Record<string, unknown>[] | undefined) ?? [];
        const run: StoredCheckRun = {
          id: this.id(),
          head_sha: String(body.head_sha),
          name: String(body.name),
          conclusion: body.conclusion as string | undefined,
          title: String(output.title ?? ""),
          summary: String(output.summary ?? ""),
          annotations: [...annotations],
          batches: [annotations.length],
        };
        s.checkRuns.push(run);
        return [201, { id: run.id, head_sha: run.head_sha, name: run.name, status: "completed", conclusion: run.conclusion }];
      }
      case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": {
        const run = s.checkRuns.find((r) => r.id === Number(params.check_run_id));
        if (!run) return [404, { message: "Not Found" }];
        const output = (body.output ?? {}) as Record<string, unknown>;
        const annotations = (output.annotations as Record<string, unknown>[] | undefined) ?? [];
        run.annotations.push(...annotations);
        run.batches.push(annotations.length);
        if (body.conclusion) run.conclusion = String(body.conclusion);
        return [200, { id: run.id, head_sha: run.head_sha, name: run.name, conclusion: run.conclusion }];
      }
      case "POST /repos/{owner}/{repo}/statuses/{sha}": {
        const status = {
          sha: params.sha ?? "",
          state: String(body.state),
          context: String(body.context),
          description: String(body.description ?? ""),
        };
        s.statuses.push(status);
        return [201, { id: this.id(), ...status }];
      }
      case "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": {
        const tree = s.trees.get(params.tree_sha ?? "");
        return tree ? [200, { sha: params.tree_sha, url: "", tree, truncated: false }] : [404, { message: "Not Found" }];
      }
      case "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": {
        const blob = s.blobs.get(params.file_sha ?? "");
        if (!blob) return [404, { message: "Not Found" }];
        return [200, { sha: params.file_sha, size: blob.length, encoding: "base64", content: blob.toString("base64") }];
      }
      default:
        this.violations.push(`the mock does not serve ${operation || "this request"}`);
        return [404, { message: "Not Found" }];
    }
  }

  /**
   * GraphQL, which the REST description does not cover: only the one query the Action sends (who the
   * token acts as) is served; anything else is a violation.
   */
  private async graphql(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { query?: string };
    const query = (body.query ?? "").replace(/\s+/g, " ").trim();
    if (request.headers.authorization !== `token ${this.token}`)
      this.violations.push("POST /graphql: missing or wrong authorization header");
    const reply = (status: number, data: unknown) => {
      this.requests.push({ method: "POST", url: "/graphql", operation: "POST /graphql", body, status });
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(data));
    };
    if (request.method !== "POST" || query !== "query { viewer { login } }") {
      this.violations.push(`the mock does not serve the GraphQL request ${query}`);
      return reply(400, { message: "Problems parsing JSON" });
    }
    if (this.state.viewer === undefined) return reply(403, { message: "Resource not accessible by integration" });
    return reply(200, { data: { viewer: { login: this.state.viewer } } });
  }

  /** GitHub's rules for a review: commit_id is the head, every comment on a line its hunks show. */
  private createReview(pull: number, body: Record<string, unknown>): [number, unknown] {
    const s = this.state;
    if (body.commit_id !== s.heads.get(pull))
      return [422, { message: "Unprocessable Entity", errors: ["commit_id is not the head"] }];
    const comments = (body.comments as Record<string, unknown>[] | undefined) ?? [];
    const files = s.pullFiles.get(pull) ?? [];
    for (const comment of comments) {
      const ranges = hunkRanges(files.find((f) => f.filename === comment.path)?.patch);
      const line = Number(comment.line);
      const start = comment.start_line === undefined ? line : Number(comment.start_line);
      if (!ranges.some(([from, to]) => from <= start && line <= to)) {
        return [422, { message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] }];
      }
    }
    const review = { id: this.id(), commit_id: String(body.commit_id), body: String(body.body ?? ""), event: String(body.event) };
    s.reviews.push(review);
    for (const comment of comments) {
      s.reviewComments.push({
        id: this.id(),
        review_id: review.id,
        path: String(comment.path),
        line: Number(comment.line),
        start_line: comment.start_line === undefined ? null : Number(comment.start_line),
        commit_id: review.commit_id,
        body: String(comment.body),
        user: BOT,
      });
    }
    return [200, { id: review.id, commit_id: review.commit_id, body: review.body, state: "COMMENTED", user: BOT }];
  }

  private page(url: URL, items: readonly unknown[]): [number, unknown, Record<string, string>] {
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return [200, slice, headers];
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }
}

function pathParams(operation: string, pathname: string): Record<string, string> {
  const template = operation.split(" ")[1];
  if (!template) return {};
  const names = template.split("/");
  const values = pathname.split("/");
  const params: Record<string, string> = {};
  names.forEach((segment, index) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name) params[name] = decodeURIComponent(values[index] ?? "");
  });
  return params;
}

/** The new-file line ranges a patch's hunk headers cover: written here independently of the Action. */
function hunkRanges(patch: string | undefined): [number, number][] {
  return [...(patch ?? "").matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)].map((match) => {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    return [start, start + count - 1];
  });
}
