/**
 * Who runs a check. A scheduled check runs only where no other replica has run (or is running) it
 * within its interval; a check a person or a push asked for runs unless another replica is running
 * that very check right now. Deterministic branches make a second run harmless anyway; the lock
 * saves the work and the GitHub requests.
 */

export interface LockRequest {
  /** `owner/repo#cluster` */
  readonly key: string;
  readonly scheduled: boolean;
  /** how long a run may take before another replica may assume it died */
  readonly runForMs: number;
}

export interface HeldLock {
  /** done: others skip scheduled checks of this key for `holdForMs` (0: free at once) */
  release(holdForMs: number): Promise<void>;
}

export interface CheckLock {
  /** undefined: someone else has it (skip) */
  acquire(request: LockRequest): Promise<HeldLock | undefined>;
}

interface Entry {
  running: boolean;
  until: number;
  token: symbol;
}

/** One process (a single replica, `--once`, tests): the same rules, kept in memory. */
export class MemoryLock implements CheckLock {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(request: LockRequest): Promise<HeldLock | undefined> {
    const entry = this.entries.get(request.key);
    const time = this.now();
    if (entry && entry.until > time && (request.scheduled || entry.running)) return undefined;
    const token = Symbol(request.key);
    this.entries.set(request.key, { running: true, until: time + request.runForMs, token });
    return {
      release: async (holdForMs) => {
        const current = this.entries.get(request.key);
        if (current?.token !== token) return;
        this.entries.set(request.key, { running: false, until: this.now() + holdForMs, token });
      },
    };
  }
}
