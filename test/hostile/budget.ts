/**
 * Time budgets for hostile inputs. CPU time, not wall time, so a busy CI machine does not fail a
 * linear algorithm; the best of a few runs, so one garbage collection does not either.
 */

import { expect } from "vitest";

export function cpuMilliseconds(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function best(run: () => unknown, times: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) fastest = Math.min(fastest, cpuMilliseconds(run));
  return fastest;
}

/**
 * Runs `work` on inputs of size n and 4n: linear work takes about 4× as long, quadratic 16×. The
 * bound (8×, plus a little for timer noise on tiny inputs) passes the first and fails the second.
 */
export function expectLinear(make: (n: number) => string, n: number, work: (input: string) => unknown): void {
  const small = make(n);
  const large = make(4 * n);
  work(small); // warm up the JIT on the same shapes
  const smallTime = best(() => work(small), 2);
  const largeTime = best(() => work(large), 2);
  expect(largeTime, `n=${n}: ${smallTime.toFixed(0)} ms, 4n: ${largeTime.toFixed(0)} ms`).toBeLessThan(8 * smallTime + 60);
}

/** An absolute budget, generous enough for a slow shared runner, tight enough to catch a blow-up. */
export function expectWithin(budgetMs: number, run: () => unknown): void {
  const used = cpuMilliseconds(run);
  expect(used, `used ${used.toFixed(0)} ms of CPU, budget ${budgetMs} ms`).toBeLessThan(budgetMs);
}

/**
 * Resident memory grown by `run` (MB). V8 seldom hands memory back to the system at once, so the
 * growth measured right after a synchronous run is close to its peak.
 */
export function residentGrowthMegabytes(run: () => unknown): number {
  const before = process.memoryUsage().rss;
  run();
  return (process.memoryUsage().rss - before) / 1024 / 1024;
}
