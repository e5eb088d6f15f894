import { describe, expect, it } from "vitest";
import { createLogger } from "../../bot/logger.js";
import { Coalescer } from "../../bot/run/coalesce.js";
import type { DriftRunner, RepoReport, RepoTarget } from "../../bot/run/runner.js";
import { MemoryLock } from "../../bot/schedule/lock.js";
import { runOnce, Scheduler } from "../../bot/schedule/scheduler.js";

/** The clock of the long-running server, and the pieces that keep runs from piling up. */

const log = createLogger("silent");
const target = (repo: string): RepoTarget => ({ owner: "octo-org", repo, defaultBranch: "main", installationId: 1 });

function fakeRunner(minutes: number, calls: string[]): DriftRunner {
  return {
    checkRepository: async (repo: RepoTarget, trigger: string) => {
      calls.push(`${repo.repo}:${trigger}`);
      return { config: "ok", scheduleMinutes: minutes, clusters: [] } satisfies RepoReport;
    },
  } as unknown as DriftRunner;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Scheduler", () => {
  it("spreads first checks over the start window, then checks each repository on its interval with jitter", async () => {
    let now = 0;
    const calls: string[] = [];
    const randoms = [0.5, 0.9, 1, 0];
    const scheduler = new Scheduler({
      list: async () => [target("a"), target("b")],
      runner: fakeRunner(30, calls),
      log,
      startSpreadMs: 60_000,
      jitter: 0.1,
      random: () => randoms.shift() ?? 0.5,
      now: () => now,
    });

    await scheduler.tick();
    expect(calls).toEqual([]); // a is due at 30 s, b at 54 s
    now = 30_000;
    await scheduler.tick();
    await settle();
    expect(calls).toEqual(["a:schedule"]);
    now = 54_000;
    await scheduler.tick();
    await settle();
    expect(calls).toEqual(["a:schedule", "b:schedule"]);

    // a: next at 30 s + 30 min × 1.1 (random 1 → +10 %); b: 54 s + 30 min × 0.9
    now = 54_000 + 30 * 60_000 * 0.9;
    await scheduler.tick();
    await settle();
    expect(calls).toEqual(["a:schedule", "b:schedule", "b:schedule"]);
    now = 30_000 + 30 * 60_000 * 1.1;
    await scheduler.tick();
    await settle();
    expect(calls.filter((call) => call === "a:schedule")).toHaveLength(2);
  });

  it("drops repositories the App no longer sees and lists again when told", async () => {
    let repos = [target("a")];
    const calls: string[] = [];
    let now = 0;
    const scheduler = new Scheduler({
      list: async () => repos,
      runner: fakeRunner(60, calls),
      log,
      startSpreadMs: 0,
      random: () => 0,
      now: () => now,
    });
    await scheduler.tick();
    await settle();
    expect(calls).toEqual(["a:schedule"]);
    repos = [target("b")];
    scheduler.refreshSoon();
    now = 1;
    await scheduler.tick();
    await settle();
    expect(calls).toEqual(["a:schedule", "b:schedule"]);
  });

  it("survives an installation listing that fails", async () => {
    const scheduler = new Scheduler({
      list: async () => {
        throw new Error("GitHub is down");
      },
      runner: fakeRunner(60, []),
      log,
    });
    await expect(scheduler.tick()).resolves.toBeUndefined();
  });
});

describe("runOnce", () => {
  it("checks every repository once", async () => {
    const calls: string[] = [];
    const reports = await runOnce([target("a"), target("b"), target("c")], fakeRunner(60, calls));
    expect(reports).toHaveLength(3);
    expect(calls.sort()).toEqual(["a:once", "b:once", "c:once"]);
  });
});

describe("Coalescer", () => {
  it("runs one at a time per key; a burst becomes the run in flight plus one", async () => {
    const coalescer = new Coalescer<number>();
    let runs = 0;
    let release: () => void = () => {};
    const work = () =>
      new Promise<number>((resolve) => {
        runs++;
        const run = runs;
        release = () => resolve(run);
      });
    const first = coalescer.run("repo", work);
    const second = coalescer.run("repo", work);
    const third = coalescer.run("repo", work);
    expect(second).toBe(third);
    expect(runs).toBe(1);
    release();
    expect(await first).toBe(1);
    await settle();
    expect(runs).toBe(2);
    release();
    expect(await second).toBe(2);
    expect(coalescer.pending()).toEqual([]);
  });
});

describe("MemoryLock", () => {
  it("skips a scheduled check held or recently done, lets an asked-for one through once done", async () => {
    let now = 0;
    const lock = new MemoryLock(() => now);
    const held = await lock.acquire({ key: "k", scheduled: true, runForMs: 1000 });
    expect(held).toBeDefined();
    expect(await lock.acquire({ key: "k", scheduled: false, runForMs: 1000 })).toBeUndefined();
    await held?.release(5000);
    expect(await lock.acquire({ key: "k", scheduled: true, runForMs: 1000 })).toBeUndefined();
    expect(await lock.acquire({ key: "k", scheduled: false, runForMs: 1000 })).toBeDefined();
    now = 10_000;
    expect(await lock.acquire({ key: "k", scheduled: true, runForMs: 1000 })).toBeDefined();
  });
});
