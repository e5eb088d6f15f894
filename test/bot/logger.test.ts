import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../bot/logger.js";

/** A logger writing JSON lines into an array, as the bot's harness does. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger("info", sink), lines };
}

/** What @octokit/webhooks hands Probot's error handler when an app handler throws. */
function handlerError(message: string) {
  const event = { id: "d-1", name: "push", payload: { head_commit: { message: "token=ghp_payloadSecret123" } } };
  const inner = Object.assign(new Error(message), {
    event,
    request: { headers: { cookie: "session=abc" }, body: "request-body-text" },
    response: { data: "response-body-text" },
  });
  return Object.assign(new AggregateError([inner], message), { event });
}

describe("bot logger", () => {
  it("logs a handler error as Probot does, without the delivery, request or response it carries", () => {
    const { log, lines } = capture();
    // Probot's getErrorHandler: log.child({ name: "event", id }).error(error)
    log.child({ name: "event", id: "d-1" }).error(handlerError("cluster read failed"));
    const text = lines.join("");
    expect(text).toContain("cluster read failed");
    for (const leaked of ["ghp_payloadSecret123", "session=abc", "request-body-text", "response-body-text"]) {
      expect(text).not.toContain(leaked);
    }
  });

  it("keeps each inner error's message and drops addresses from it", () => {
    const { log, lines } = capture();
    log.error(new AggregateError([new Error("connect ECONNREFUSED https://10.0.0.1:6443/api")], "1 error"));
    const entry = JSON.parse(lines[0] ?? "{}") as { err?: { errors?: { message: string }[] } };
    expect(entry.err?.errors?.[0]?.message).toBe("connect ECONNREFUSED (a URL)");
  });
});
