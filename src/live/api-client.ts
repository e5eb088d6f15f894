import { forbiddenMessage, LiveSourceError, type RequestPurpose } from "./errors.js";
import { backoffDelay, isTransientStatus, type RetryPolicy, retryAfterDelay } from "./retry.js";
import type { HttpReply, KubeTransport } from "./transport.js";
import type { RequestEvent } from "./types.js";

export interface ApiClient {
  readonly server: string;
  /** GET and parse JSON, retrying transient failures; any other outcome is a LiveSourceError */
  getJson(path: string, query: Readonly<Record<string, string>>, purpose: RequestPurpose): Promise<unknown>;
}

export interface ApiClientOptions extends RetryPolicy {
  readonly signal?: AbortSignal;
  readonly onRequest?: (event: RequestEvent) => void;
}

export function createApiClient(transport: KubeTransport, options: ApiClientOptions): ApiClient {
  return {
    server: transport.server,
    async getJson(path, query, purpose) {
      const shown = showPath(path, query);
      for (let attempt = 0; ; attempt++) {
        const started = performance.now();
        let reply: HttpReply;
        try {
          reply = await transport.get(path, query);
        } catch (error) {
          const failure = error as LiveSourceError;
          report(options, shown, attempt, started, { error: failure.code });
          if (failure.transient && attempt < options.retries && !options.signal?.aborted) {
            await options.sleep(backoffDelay(attempt, options));
            continue;
          }
          throw failure;
        }
        report(options, shown, attempt, started, { status: reply.status });

        if (reply.status >= 200 && reply.status < 300) return parseBody(reply, shown, transport.server);
        if (isTransientStatus(reply.status) && attempt < options.retries && !options.signal?.aborted) {
          const status = statusObject(reply);
          const serverWait = retryAfterDelay(
            reply.headers["retry-after"],
            status?.details?.retryAfterSeconds,
            options.maxRetryAfterMs,
          );
          await options.sleep(serverWait ?? backoffDelay(attempt, options));
          continue;
        }
        throw statusError(reply, shown, purpose, transport.server, attempt + 1);
      }
    },
  };
}

function report(
  options: ApiClientOptions,
  path: string,
  attempt: number,
  started: number,
  outcome: Pick<RequestEvent, "status" | "error">,
): void {
  options.onRequest?.({ method: "GET", path, attempt, durationMs: Math.round(performance.now() - started), ...outcome });
}

function parseBody(reply: HttpReply, shown: string, server: string): unknown {
  try {
    return JSON.parse(reply.body);
  } catch {
    const type = reply.headers["content-type"] ?? "no content type";
    throw new LiveSourceError(
      "bad-response",
      `GET ${shown} on ${server} did not answer JSON (${type}): is this a Kubernetes API server?`,
      {
        status: reply.status,
      },
    );
  }
}

interface StatusObject {
  reason?: string;
  details?: { retryAfterSeconds?: unknown };
}

/** The `Status` object Kubernetes sends with errors; only its `reason` and retry hint are ever used. */
function statusObject(reply: HttpReply): StatusObject | undefined {
  try {
    const value = JSON.parse(reply.body) as { kind?: unknown };
    return value !== null && typeof value === "object" && value.kind === "Status" ? (value as StatusObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Maps a final HTTP failure to a message naming what to do; the body is never quoted (it could hold data). */
function statusError(
  reply: HttpReply,
  shown: string,
  purpose: RequestPurpose,
  server: string,
  attempts: number,
): LiveSourceError {
  const { status } = reply;
  const reason = statusObject(reply)?.reason;
  const reasonText = typeof reason === "string" && /^[A-Za-z]+$/.test(reason) ? ` (${reason})` : "";
  const details = { status };
  const tries = attempts > 1 ? ` ${attempts} times` : "";
  if (status === 401) {
    return new LiveSourceError(
      "unauthorized",
      `unauthorized: the Kubernetes API at ${server} rejected the credentials (HTTP 401): log in again or renew the token`,
      details,
    );
  }
  if (status === 403) return new LiveSourceError("forbidden", forbiddenMessage(purpose, shown.split("?")[0] ?? shown), details);
  if (status === 404) return new LiveSourceError("not-found", `GET ${shown} on ${server}: not found (HTTP 404)`, details);
  if (status === 429) {
    return new LiveSourceError(
      "rate-limited",
      `rate-limited: the Kubernetes API at ${server} answered GET ${shown} with HTTP 429${tries}`,
      details,
    );
  }
  if (status >= 500) {
    return new LiveSourceError(
      "server-error",
      `server error: GET ${shown} on ${server} answered HTTP ${status}${reasonText}${tries}`,
      details,
    );
  }
  return new LiveSourceError("bad-response", `GET ${shown} on ${server} answered HTTP ${status}${reasonText}`, details);
}

/** Path and query as shown in messages and events; a continue token is long and says nothing to a person. */
function showPath(path: string, query: Readonly<Record<string, string>>): string {
  const search = Object.entries(query)
    .map(([name, value]) => (name === "continue" ? "continue=…" : `${name}=${encodeURIComponent(value)}`))
    .join("&");
  return search ? `${path}?${search}` : path;
}
