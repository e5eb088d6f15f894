/**
 * A Kubernetes API server that answers from recordings, for tests of anything that talks to a
 * cluster (the live-state reader, the drift bot). It listens on 127.0.0.1 only, on a random port,
 * and records every request so a test can assert exactly what was asked.
 *
 *     const api = await startKubeApi({ exchanges: fixtures("cluster") });
 *     api.use(fixture("faults/internal-error-shop-configmaps.json", { times: 1 }));  // takes precedence
 *     const kubeconfig = await writeKubeconfig(api.url);
 *     ...
 *     expect(api.requestLines()).toEqual(["GET /api/v1", ...]);
 *     await api.close();
 *
 * A request no recording matches gets the 404 Status a real server sends for an unknown path.
 */

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { type Exchange, matches, specificity } from "./exchange.js";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** `GET /api/v1/namespaces/shop/configmaps?limit=500` as received */
  readonly line: string;
  /** the scheme of the Authorization header (`Bearer`), never the credential */
  readonly authorization?: string;
  readonly userAgent?: string;
  /** status answered, and the recording that answered (undefined: unmatched 404) */
  readonly status: number;
  readonly answeredBy?: string;
}

export interface KubeApiOptions {
  readonly exchanges: readonly Exchange[];
  /** serve HTTPS with this key pair instead of plain HTTP */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export interface KubeApi {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** recordings added later take precedence over earlier ones */
  use(...exchanges: Exchange[]): void;
  /** `METHOD path?query` of every request so far, in order */
  requestLines(): string[];
  close(): Promise<void>;
}

interface Entry {
  readonly exchange: Exchange;
  readonly layer: number;
  served: number;
}

const NOT_FOUND = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "the server could not find the requested resource",
  reason: "NotFound",
  details: {},
  code: 404,
};

export async function startKubeApi(options: KubeApiOptions): Promise<KubeApi> {
  const entries: Entry[] = [];
  let layer = 0;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const add = (exchanges: readonly Exchange[]) => {
    layer++;
    for (const exchange of exchanges) entries.push({ exchange, layer, served: 0 });
  };
  add(options.exchanges);

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = request.method ?? "GET";
    const entry = entries
      .filter((candidate) => matches(candidate.exchange, method, url.pathname, url.searchParams))
      .filter((candidate) => candidate.exchange.times === undefined || candidate.served < candidate.exchange.times)
      .sort((a, b) => b.layer - a.layer || specificity(b.exchange) - specificity(a.exchange))[0];
    if (entry) entry.served++;
    const status = entry?.exchange.response.status ?? 404;
    const scheme = request.headers.authorization?.split(" ")[0];
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      line: `${method} ${url.pathname}${url.search}`,
      ...(scheme ? { authorization: scheme } : {}),
      ...(request.headers["user-agent"] ? { userAgent: request.headers["user-agent"] } : {}),
      status,
      ...(entry?.exchange.source ? { answeredBy: entry.exchange.source } : {}),
    });

    if (entry?.exchange.reset) {
      request.socket.destroy();
      return;
    }
    const body = entry ? entry.exchange.response.body : NOT_FOUND;
    const text = typeof body === "string" ? body : JSON.stringify(body ?? {});
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(status, {
        "content-type": "application/json",
        ...(entry?.exchange.response.headers ?? {}),
        "content-length": Buffer.byteLength(text),
      });
      if (entry?.exchange.stall) response.write(text.slice(0, Math.floor(text.length / 2)));
      else response.end(text);
    };
    const delay = entry?.exchange.delayMs ?? 0;
    if (delay <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delay);
    timers.add(timer);
    response.on("close", () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handle)
    : createHttpServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    use: (...exchanges) => add(exchanges),
    requestLines: () => requests.map((request) => request.line),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function unusedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
