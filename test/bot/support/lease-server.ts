import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The coordination.k8s.io/v1 Leases of the bot's own namespace, on 127.0.0.1, with the API
 * server's optimistic concurrency: a create of an existing Lease and an update with a stale
 * resourceVersion both answer 409 Conflict.
 */

export interface LeaseServer {
  readonly url: string;
  readonly leases: Map<string, Record<string, unknown>>;
  readonly requests: string[];
  close(): Promise<void>;
}

const PATH = /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/;

export async function startLeaseServer(): Promise<LeaseServer> {
  const leases = new Map<string, Record<string, unknown>>();
  const requests: string[] = [];
  let version = 100;
  const status = (code: number, reason: string) => ({
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    reason,
    code,
    message: reason,
  });

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${request.method} ${url.pathname}`);
    const match = PATH.exec(url.pathname);
    const send = (code: number, body: unknown) => {
      response.writeHead(code, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (!match) return send(404, status(404, "NotFound"));
    const [, namespace, name] = match;
    const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    const metadata = (body.metadata ?? {}) as Record<string, unknown>;
    const key = `${namespace}/${name ?? metadata.name}`;
    const existing = leases.get(key);
    if (request.method === "GET") return existing ? send(200, existing) : send(404, status(404, "NotFound"));
    if (request.method === "POST") {
      if (existing) return send(409, status(409, "AlreadyExists"));
      const created = { ...body, metadata: { ...metadata, namespace, resourceVersion: String(++version) } };
      leases.set(key, created);
      return send(201, created);
    }
    if (request.method === "PUT") {
      if (!existing) return send(404, status(404, "NotFound"));
      const current = (existing.metadata as Record<string, unknown>).resourceVersion;
      if (metadata.resourceVersion !== current) return send(409, status(409, "Conflict"));
      const updated = { ...body, metadata: { ...metadata, namespace, resourceVersion: String(++version) } };
      leases.set(key, updated);
      return send(200, updated);
    }
    return send(405, status(405, "MethodNotAllowed"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    leases,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
