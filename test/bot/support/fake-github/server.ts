import { createPublicKey, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readGitHubRequest } from "../../../support/github/intake.js";
import { githubApi } from "../../../support/github/openapi.js";
import { FakeRepo, type FakeUser } from "./repo.js";
import { NOT_FOUND, type Reply, type Route } from "./route.js";
import { gitRoutes } from "./routes-git.js";
import { workRoutes } from "./routes-work.js";

/**
 * GitHub on 127.0.0.1 for the drift bot: stateful (Git objects, refs, pull requests, issues,
 * comments, check runs), strict (every request is judged against GitHub's OpenAPI description and
 * every credential is checked: the App's JWT by its public key, installation tokens by issue), and
 * unreliable on demand (faults answer instead of, or after, the real route).
 */

export interface RecordedRequest {
  readonly method: string;
  /** path and query as sent */
  readonly url: string;
  /** `POST /repos/{owner}/{repo}/pulls`, or undefined when the description has no such operation */
  readonly operation: string | undefined;
  /** the raw request body */
  readonly text: string;
  readonly status: number;
  /** when the answer went out (ms since the epoch) */
  readonly at: number;
}

export interface Fault {
  /** `METHOD template`, as in RecordedRequest.operation */
  readonly operation: string;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** run the real route first (the write happens), then answer with the fault */
  readonly afterEffect?: boolean;
  times: number;
}

export const APP_ID = 4242;
export const APP_SLUG = "plumbline";
export const BOT_USER: FakeUser = { login: `${APP_SLUG}[bot]`, id: 99_000_001, type: "Bot" };

const ROUTES: Record<string, Route> = { ...gitRoutes, ...workRoutes };

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly repos = new Map<string, FakeRepo>();
  readonly faults: Fault[] = [];
  private readonly tokens = new Map<string, number>();
  private server: Server | undefined;
  url = "";

  constructor(
    private readonly publicKeyPem: string,
    readonly installationId = 31_337,
  ) {}

  addRepo(owner: string, name: string): FakeRepo {
    const repo = new FakeRepo(owner, name, 1000 + this.repos.size);
    this.repos.set(`${owner}/${name}`, repo);
    return repo;
  }

  repo(fullName: string): FakeRepo {
    const repo = this.repos.get(fullName);
    if (!repo) throw new Error(`no repository ${fullName}`);
    return repo;
  }

  /** Answer `operation` with a fault `times` times. */
  fail(fault: Omit<Fault, "times"> & { times?: number }): void {
    this.faults.push({ ...fault, times: fault.times ?? 1 });
  }

  /** Requests per operation: `{ "POST /repos/{owner}/{repo}/pulls": 1 }`. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests) {
      const key = request.operation ?? `${request.method} ${request.url}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Every request the bot sent, as text: what a test searches for leaked values. */
  transcript(): string {
    return this.requests.map((request) => `${request.method} ${request.url}\n${request.text}`).join("\n");
  }

  clear(): void {
    this.requests.length = 0;
  }

  async start(): Promise<void> {
    githubApi(); // parse the description before the first request, not during it
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        this.violations.push(`fake crashed: ${error.stack ?? error.message}`);
        if (!response.headersSent) response.writeHead(500).end();
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

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { method, url, text, body, verdict, violations } = await readGitHubRequest(request, this.url);
    this.violations.push(...violations);
    const operation = verdict.operation ?? "";
    const reply = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, url: url.pathname + url.search, operation: verdict.operation, text, status, at: Date.now() });
      const isText = typeof data === "string";
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(data === undefined ? "" : isText ? data : JSON.stringify(data));
    };

    const caller = this.authenticate(request.headers.authorization, operation);
    if (!caller) return reply(401, { message: "Bad credentials" });
    const fault = this.faults.find((candidate) => candidate.operation === operation && candidate.times > 0);
    if (fault && !fault.afterEffect) {
      fault.times--;
      return reply(fault.status, fault.body ?? { message: "Server Error" }, fault.headers);
    }
    const [status, data, headers] = this.route(operation, url, (body ?? {}) as Record<string, unknown>, caller);
    if (fault?.afterEffect) {
      fault.times--;
      return reply(fault.status, fault.body ?? { message: "Server Error" }, fault.headers);
    }
    reply(status, data, headers);
  }

  /** The App's JWT for /app endpoints; an issued installation token for everything else. */
  private authenticate(header: string | undefined, operation: string): FakeUser | "app" | undefined {
    const [scheme = "", credential = ""] = (header ?? "").split(" ");
    const appEndpoint = operation.startsWith("GET /app") || operation.startsWith("POST /app/");
    if (appEndpoint) {
      if (scheme.toLowerCase() !== "bearer" || !this.validJwt(credential)) {
        this.violations.push(`${operation}: not authenticated with the App's JWT`);
        return undefined;
      }
      return "app";
    }
    if (scheme.toLowerCase() !== "token" || !this.tokens.has(credential)) {
      this.violations.push(`${operation}: not authenticated with an installation token`);
      return undefined;
    }
    return BOT_USER;
  }

  private validJwt(jwt: string): boolean {
    const [header, payload, signature] = jwt.split(".");
    if (!header || !payload || !signature) return false;
    const key = createPublicKey(this.publicKeyPem);
    const ok = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"));
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown; exp?: number };
    return ok && String(claims.iss) === String(APP_ID) && (claims.exp ?? 0) * 1000 > Date.now();
  }

  private route(operation: string, url: URL, body: Record<string, unknown>, caller: FakeUser | "app"): Reply {
    const params = pathParams(operation, url.pathname);
    switch (operation) {
      case "GET /app":
        return [
          200,
          { id: APP_ID, slug: APP_SLUG, name: "Plumbline", owner: { login: "plumbline-dev" }, permissions: {}, events: [] },
        ];
      case "GET /app/installations":
        return [200, [{ id: this.installationId, account: { login: "octo-org" }, suspended_at: null, app_id: APP_ID }]];
      case "POST /app/installations/{installation_id}/access_tokens": {
        if (Number(params.installation_id) !== this.installationId) return NOT_FOUND;
        const token = `ghs_fake${this.tokens.size + 1}`;
        this.tokens.set(token, this.installationId);
        return [
          201,
          { token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" },
        ];
      }
      case "GET /installation/repositories": {
        const repositories = [...this.repos.values()].map((repo) => ({
          id: repo.id,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          owner: { login: repo.owner },
          default_branch: repo.defaultBranch,
          archived: false,
          disabled: false,
        }));
        return [200, { total_count: repositories.length, repositories }];
      }
    }
    const repo = this.repos.get(`${params.owner}/${params.repo}`);
    const route = ROUTES[operation];
    if (!route) {
      this.violations.push(`the fake does not serve ${operation || url.pathname}`);
      return NOT_FOUND;
    }
    if (!repo || caller === "app") return NOT_FOUND;
    return route({ repo, params, url, body, caller, baseUrl: this.url });
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
