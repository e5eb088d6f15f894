/**
 * The door in front of Probot's webhook middleware: a delivery whose signature does not match the
 * App's secret is answered 400 and logged by delivery id and event only. Anyone can send one, and
 * when the secret is mis-rotated every real delivery is one: its payload (a private repository's
 * text) must reach neither the log nor the handlers. A signed delivery goes on with its body
 * already read, as Probot's middleware accepts it (`request.body` as a string).
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { verify } from "@octokit/webhooks-methods";
import type { Logger } from "../logger.js";

export const WEBHOOK_PATH = "/api/github/webhooks";
/** GitHub caps webhook payloads at 25 MB. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

type Middleware = (request: IncomingMessage, response: ServerResponse, next?: () => void) => unknown;

export function webhookGate(secret: string, webhooks: Middleware, log: Logger): Middleware {
  return async (request, response, next) => {
    const delivery = header(request, "x-github-delivery");
    const event = header(request, "x-github-event");
    const body = await readBody(request);
    if (body === undefined) {
      log.warn({ delivery, event }, "webhook refused: larger than GitHub sends");
      return refuse(response, 413, "payload too large");
    }
    const signature = request.headers["x-hub-signature-256"];
    const text = body.toString("utf8");
    if (!(await signatureMatches(secret, text, typeof signature === "string" ? signature : undefined))) {
      log.warn({ delivery, event }, "webhook refused: the signature does not match WEBHOOK_SECRET");
      return refuse(response, 400, "signature does not match");
    }
    (request as IncomingMessage & { body?: string }).body = text;
    return webhooks(request, response, next);
  };
}

/**
 * The check Probot's middleware makes after us, by the same library (`sha256=<hex>` of the body as
 * text, compared in constant time), so the gate lets through exactly what Probot would accept.
 */
async function signatureMatches(secret: string, body: string, signature: string | undefined): Promise<boolean> {
  // the library throws on an empty body or signature rather than answering no
  if (signature === undefined || body === "") return false;
  return verify(secret, body, signature);
}

/** A header for a log line: short, and only characters a delivery id or event name uses. */
function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  if (typeof value !== "string") return undefined;
  return value.replace(/[^\w.:-]/g, "?").slice(0, 80);
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(response: ServerResponse, status: number, error: string): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ error }));
}
