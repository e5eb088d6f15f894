/**
 * The bot's one HTTP server: GitHub's webhooks, Kubernetes' probes and Prometheus' scrape.
 *
 *   POST /api/github/webhooks  signed deliveries (Probot verifies the signature)
 *   GET  /health/live          the process answers
 *   GET  /health/ready         can serve webhooks: GitHub accepts the App's key, not shutting down (503 otherwise)
 *   GET  /metrics              Prometheus text format
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../logger.js";
import type { Readiness } from "./readiness.js";
import { WEBHOOK_PATH, webhookGate } from "./webhook-gate.js";

type Middleware = (request: IncomingMessage, response: ServerResponse, next?: () => void) => unknown;

export interface HttpOptions {
  readonly port: number;
  readonly host: string;
  readonly webhooks: Middleware;
  /** the App's webhook secret: deliveries are verified here, before Probot sees (or logs) them */
  readonly webhookSecret: string;
  readonly readiness: Readiness;
  readonly registry: Registry;
  readonly log: Logger;
}

export interface RunningServer {
  readonly url: string;
  /** stops accepting connections and closes idle ones */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpOptions): Promise<RunningServer> {
  const webhooks = webhookGate(options.webhookSecret, options.webhooks, options.log);
  const server: Server = createServer((request, response) => {
    handle(request, response, options, webhooks).catch((error: unknown) => {
      options.log.error({ path: request.url, error: (error as Error).message }, "request failed");
      if (!response.headersSent) send(response, 500, { error: "internal error" });
    });
  });
  // webhooks are small; slow clients should not hold sockets open for long
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === "0.0.0.0" ? "127.0.0.1" : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpOptions,
  webhooks: Middleware,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://bot").pathname;
  if (request.method === "GET" && path === "/health/live") return send(response, 200, { status: "alive" });
  if (request.method === "GET" && path === "/health/ready") {
    const report = await options.readiness.check();
    return send(response, report.ready ? 200 : 503, report);
  }
  if (request.method === "GET" && path === "/metrics") {
    const text = await options.registry.metrics();
    response.writeHead(200, { "content-type": options.registry.contentType });
    response.end(text);
    return;
  }
  if (request.method === "POST" && path === WEBHOOK_PATH) {
    await webhooks(request, response);
    return;
  }
  send(response, 404, { error: "not found" });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
