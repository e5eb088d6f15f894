import { describe, expect, it } from "vitest";
import { backoffDelay, isTransientStatus, retryAfterDelay } from "../../src/live/retry.js";

describe("retry timing", () => {
  it("doubles the back-off per attempt, with jitter in the upper half, up to the cap", () => {
    const policy = { backoffMs: 100, maxBackoffMs: 1_000 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("reads Retry-After as seconds or as a date, and caps it", () => {
    expect(retryAfterDelay("2", undefined, 30_000)).toBe(2_000);
    expect(retryAfterDelay(" 120 ", undefined, 30_000)).toBe(30_000);
    const now = Date.parse("2025-02-07T12:00:00Z");
    expect(retryAfterDelay("Fri, 07 Feb 2025 12:00:05 GMT", undefined, 30_000, now)).toBe(5_000);
    expect(retryAfterDelay("Fri, 07 Feb 2025 11:00:00 GMT", undefined, 30_000, now)).toBe(0);
  });

  it("falls back to the Status object's retryAfterSeconds, and to nothing", () => {
    expect(retryAfterDelay(undefined, 3, 30_000)).toBe(3_000);
    expect(retryAfterDelay("soon", undefined, 30_000)).toBeUndefined();
    expect(retryAfterDelay(undefined, undefined, 30_000)).toBeUndefined();
  });

  it("retries overload and server errors, not refusals", () => {
    expect([429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 501].some(isTransientStatus)).toBe(false);
  });
});
