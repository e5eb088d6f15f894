/** How long to wait before trying a transient failure again. Pure functions; the caller sleeps. */

export interface RetryPolicy {
  /** retries after the first attempt */
  readonly retries: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** HTTP statuses that say "not now" rather than "no": overload, restarts, proxies losing their upstream. */
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** Exponential back-off with jitter, so many clients retrying after one outage do not hit in step. */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "backoffMs" | "maxBackoffMs">,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The server's own wait, from `Retry-After` (seconds or an HTTP date) or the Status object's
 * `details.retryAfterSeconds`; undefined when it gives none. Capped, so a server can't stall us for long.
 */
export function retryAfterDelay(
  header: string | undefined,
  statusRetryAfterSeconds: unknown,
  maxRetryAfterMs: number,
  now = Date.now(),
): number | undefined {
  let ms: number | undefined;
  if (header !== undefined && header.trim() !== "") {
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
    else {
      const date = Date.parse(trimmed);
      if (!Number.isNaN(date)) ms = Math.max(0, date - now);
    }
  }
  if (ms === undefined && typeof statusRetryAfterSeconds === "number" && statusRetryAfterSeconds >= 0) {
    ms = statusRetryAfterSeconds * 1000;
  }
  return ms === undefined ? undefined : Math.min(ms, maxRetryAfterMs);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
