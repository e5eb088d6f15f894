/**
 * Work a webhook started and answers later (GitHub waits 10 s for a webhook's response; a drift
 * check can take longer). Shut-down and tests wait for it with `idle()`.
 */

export class Tasks {
  private readonly running = new Set<Promise<unknown>>();

  start(work: Promise<unknown>): void {
    const tracked = work.finally(() => this.running.delete(tracked));
    // failures are logged where they happen; an unhandled rejection would end the process
    tracked.catch(() => {});
    this.running.add(tracked);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  get size(): number {
    return this.running.size;
  }
}
