import type { IncomingMessage } from "node:http";
import { githubApi, type Verdict } from "./openapi.js";

/** One request to a test double of GitHub, read and judged against GitHub's OpenAPI description. */
export interface GitHubRequest {
  readonly method: string;
  readonly url: URL;
  /** the raw body, so tests can search it for anything that must never be sent (a secret value) */
  readonly text: string;
  readonly body: unknown;
  readonly verdict: Verdict;
  /** what the description (or JSON itself) rejects in this request; a test fails on any */
  readonly violations: string[];
}

export async function readGitHubRequest(request: IncomingMessage, baseUrl: string): Promise<GitHubRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const method = request.method ?? "GET";
  const url = new URL(request.url ?? "/", baseUrl);
  const violations: string[] = [];
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    violations.push(`${method} ${url.pathname}: body is not JSON`);
  }
  const verdict = githubApi().validate(method, url, body);
  for (const error of verdict.errors) violations.push(`${method} ${url.pathname}${url.search}: ${error}`);
  return { method, url, text, body, verdict, violations };
}
