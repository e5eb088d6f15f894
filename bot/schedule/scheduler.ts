/**
 * The long-running server's clock: every repository is checked on its own interval
 * (`drift.schedule` minutes), with jitter so a fleet of repositories and replicas never checks in
 * lockstep. Repositories without a configuration are looked at again once an interval, which costs
 * one request.
 */

import { errorFields, type Logger } from "../logger.js";
import type { DriftRunner, RepoReport, RepoTarget } from "../run/runner.js";

export interface SchedulerOptions {
  readonly list: () => Promise<RepoTarget[]>;
  readonly runner: DriftRunner;
  readonly log: Logger;
  /** how often due checks are looked for; default 30 s */
  readonly tickMs?: number;
  /** how often the installations are listed again; default 10 minutes */
  readonly refreshMs?: number;
  /** first checks spread over this long after start; default 5 minutes */
  readonly startSpreadMs?: number;
  /** ± share of an interval; default 0.1 */
  readonly jitter?: number;
  /** repositories checked at once; default 2 */
  readonly concurrency?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

interface Entry {
  target: RepoTarget;
  dueAt: number;
  running: boolean;
}

export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private listedAt = Number.NEGATIVE_INFINITY;
  private ticking: Promise<void> | undefined;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 30_000);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** An installation changed: list repositories again at the next tick. */
  refreshSoon(): void {
    this.listedAt = Number.NEGATIVE_INFINITY;
  }

  /** Starts the checks that are due; resolves when they are started (not finished). */
  tick(): Promise<void> {
    this.ticking ??= this.startDue().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async startDue(): Promise<void> {
    if (this.now() - this.listedAt >= (this.options.refreshMs ?? 600_000)) await this.refresh();
    const limit = this.options.concurrency ?? 2;
    const running = [...this.entries.values()].filter((entry) => entry.running).length;
    const due = [...this.entries.values()]
      .filter((entry) => !entry.running && entry.dueAt <= this.now())
      .sort((a, b) => a.dueAt - b.dueAt);
    for (const entry of due.slice(0, Math.max(0, limit - running))) {
      entry.running = true;
      void this.options.runner
        .checkRepository(entry.target, "schedule")
        .then((report: RepoReport) => {
          entry.dueAt = this.now() + this.interval(report.scheduleMinutes);
        })
        .finally(() => {
          entry.running = false;
        });
    }
  }

  private async refresh(): Promise<void> {
    try {
      const targets = await this.options.list();
      const seen = new Set<string>();
      for (const target of targets) {
        const key = `${target.owner}/${target.repo}`;
        seen.add(key);
        const existing = this.entries.get(key);
        if (existing) existing.target = target;
        else
          this.entries.set(key, {
            target,
            dueAt: this.now() + this.random() * (this.options.startSpreadMs ?? 300_000),
            running: false,
          });
      }
      for (const key of this.entries.keys()) if (!seen.has(key)) this.entries.delete(key);
      this.listedAt = this.now();
    } catch (error) {
      this.options.log.error({ error: errorFields(error) }, "cannot list the App's installations");
    }
  }

  private interval(minutes: number): number {
    const jitter = this.options.jitter ?? 0.1;
    return minutes * 60_000 * (1 + jitter * (2 * this.random() - 1));
  }
}

/** `plumbline-bot drift --once`: every installed repository once, a few at a time. */
export async function runOnce(targets: readonly RepoTarget[], runner: DriftRunner, concurrency = 2): Promise<RepoReport[]> {
  const queue = [...targets];
  const reports: RepoReport[] = [];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) reports.push(await runner.checkRepository(target, "once"));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return reports;
}
