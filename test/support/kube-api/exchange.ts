import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * One recorded request and the answer the API server gave, as stored in test/fixtures/kube-api.
 * `times` limits how often it is served (then the next match answers: a 500 once, then the real
 * list); `delayMs` holds the answer back (a slow endpoint); `reset` drops the connection;
 * `stall` stops in the middle of the body.
 */
export interface Exchange {
  readonly description?: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    /** every parameter named here must match; `continue` must match even when absent */
    readonly query?: Readonly<Record<string, string>>;
  };
  readonly response: {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    /** serialised as JSON; a string is sent as it is */
    readonly body?: unknown;
  };
  readonly delayMs?: number;
  /** drop the connection instead of answering (ECONNRESET on the client) */
  readonly reset?: boolean;
  /** send the headers and half the body, then hold the connection open */
  readonly stall?: boolean;
  readonly times?: number;
  /** file the exchange came from, for messages */
  readonly source?: string;
}

export const FIXTURES_ROOT = fileURLToPath(new URL("../../fixtures/kube-api/", import.meta.url));

/** One fixture, by its path under test/fixtures/kube-api (`faults/slow-shop-services.json`). */
export function fixture(relative: string, overrides: Partial<Exchange> = {}): Exchange {
  const file = path.join(FIXTURES_ROOT, relative);
  const exchange = JSON.parse(readFileSync(file, "utf8")) as Exchange;
  return { ...exchange, source: relative, ...overrides };
}

/** Every fixture under a directory of test/fixtures/kube-api (`cluster`), in file-name order. */
export function fixtures(relativeDirectory: string): Exchange[] {
  const directory = path.join(FIXTURES_ROOT, relativeDirectory);
  const files = readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .sort();
  return files.map((file) => fixture(path.join(relativeDirectory, file)));
}

export function matches(exchange: Exchange, method: string, pathname: string, query: URLSearchParams): boolean {
  if (exchange.request.method.toUpperCase() !== method || exchange.request.path !== pathname) return false;
  const wanted = exchange.request.query ?? {};
  if (Object.entries(wanted).some(([name, value]) => query.get(name) !== value)) return false;
  // a page is only the page it was recorded as
  return (wanted.continue ?? null) === query.get("continue");
}

export function specificity(exchange: Exchange): number {
  return Object.keys(exchange.request.query ?? {}).length;
}
