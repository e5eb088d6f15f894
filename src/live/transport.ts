import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  type RequestContext,
  ServerConfiguration,
} from "@kubernetes/client-node";
import { LiveSourceError } from "./errors.js";

/** One answer of the API server, body read in full. Status is not judged here. */
export interface HttpReply {
  readonly status: number;
  /** lower-case names */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface KubeTransport {
  readonly server: string;
  /** GET `path` (already encoded) with the query; throws LiveSourceError for failures below HTTP */
  get(path: string, query?: Readonly<Record<string, string>>): Promise<HttpReply>;
  /** releases pooled connections */
  close(): Promise<void>;
}

export interface TransportOptions {
  readonly timeoutMs: number;
  /** how messages name the server; its URL when absent */
  readonly label?: string;
  readonly signal?: AbortSignal;
}

type Dispatcher = NonNullable<ReturnType<RequestContext["getDispatcher"]>>;

const USER_AGENT = "plumbline (kubernetes-client-javascript)";

/**
 * Requests go through client-node itself: its KubeConfig applies every kind of credential (token,
 * client certificate, exec and auth-provider plugins, in-cluster token file) and TLS setting, and its
 * fetch library sends them. Only the generic GET is ours, since drift lists any kind, custom ones too.
 */
export function createTransport(config: KubeConfig, server: string, options: TransportOptions): KubeTransport {
  const base = new ServerConfiguration(server.replace(/\/+$/, ""), {});
  const http = new IsomorphicFetchHttpLibrary();
  // messages name the server by its label: the URL goes into requests only
  const shown = options.label ?? server;
  // client-node builds a new connection pool for every request; keep the first so connections are reused
  let pool: Dispatcher | undefined;

  return {
    server: shown,
    async get(path, query = {}) {
      const request = base.makeRequestContext(path, HttpMethod.GET);
      for (const [name, value] of Object.entries(query)) request.setQueryParam(name, value);
      request.setHeaderParam("Accept", "application/json");
      request.setHeaderParam("User-Agent", USER_AGENT);
      await authenticate(config, request, shown, options.timeoutMs);
      const fresh = request.getDispatcher();
      if (fresh !== undefined) {
        if (pool === undefined) pool = fresh;
        else if (fresh !== pool) {
          void fresh.close();
          request.setDispatcher(pool);
        }
      }

      const timeout = AbortSignal.timeout(options.timeoutMs);
      request.setSignal(options.signal ? AbortSignal.any([options.signal, timeout]) : timeout);
      try {
        const response = await http.send(request).toPromise();
        const body = await response.body.text();
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = value;
        return { status: response.httpStatusCode, headers, body };
      } catch (error) {
        if (options.signal?.aborted) throw new LiveSourceError("aborted", `reading ${shown} was cancelled`);
        if (timeout.aborted) {
          throw new LiveSourceError(
            "timeout",
            `the Kubernetes API at ${shown} did not answer GET ${path} within ${seconds(options.timeoutMs)}`,
          );
        }
        throw networkError(error, shown);
      }
    },
    async close() {
      const current = pool;
      pool = undefined;
      await current?.close();
    },
  };
}

/**
 * Applies the kubeconfig's credentials. An exec plugin (a cloud CLI, kubelogin) can wait forever for
 * a login nobody will do, so it gets the same time-out as a request.
 */
async function authenticate(config: KubeConfig, request: RequestContext, server: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LiveSourceError(
            "kubeconfig",
            `the kubeconfig's credential plugin for ${server} did not answer within ${seconds(timeoutMs)}`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([config.applySecurityAuthentication(request), expired]);
  } catch (error) {
    if (error instanceof LiveSourceError) throw error;
    // a plugin's output may hold a token: say which step broke, not what it printed
    throw new LiveSourceError(
      "kubeconfig",
      `cannot get credentials for ${server} from the kubeconfig's user entry (${(error as Error).name ?? "error"})`,
    );
  } finally {
    clearTimeout(timer);
  }
}

const UNREACHABLE_FOR_GOOD = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** Turns what fetch throws (a TypeError with a system error as `cause`) into one line. */
export function networkError(error: unknown, server: string): LiveSourceError {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: unknown; syscall?: unknown; message?: unknown };
  const code = typeof cause.code === "string" ? cause.code : undefined;
  const message = typeof cause.message === "string" ? (cause.message.split("\n")[0] ?? "") : "";

  if (code && isTlsCode(code)) {
    return new LiveSourceError("tls", `TLS with the Kubernetes API at ${server} failed: ${tlsReason(code, message)}`);
  }
  if (code && UNREACHABLE_FOR_GOOD.has(code)) {
    const syscall = typeof cause.syscall === "string" ? `${cause.syscall} ` : "";
    return new LiveSourceError("unreachable", `cannot reach the Kubernetes API at ${server}: ${syscall}${code}`);
  }
  // reset or dropped connections, DNS hiccups, connect time-outs: worth another try
  const what = code ?? (message || "connection failed");
  return new LiveSourceError("unreachable", `cannot reach the Kubernetes API at ${server}: ${what}`, {
    transient: code !== undefined || message !== "bad port",
  });
}

function tlsReason(code: string, message: string): string {
  if (code.startsWith("ERR_SSL_")) return "the server did not answer in TLS (is the URL's scheme right?)";
  // Node appends advice about its own flags after a semicolon; the kubeconfig is the place to fix it
  const what = `${message.split(";")[0]?.trim() || "handshake failed"} (${code})`;
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return `${what}: set the cluster's tls-server-name in the kubeconfig`;
  if (code === "CERT_HAS_EXPIRED") return what;
  return `${what}: set the cluster's certificate-authority in the kubeconfig`;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_") ||
    code.includes("CERT") ||
    code.startsWith("UNABLE_TO_") ||
    code.startsWith("DEPTH_ZERO_") ||
    code === "HOSTNAME_MISMATCH"
  );
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
