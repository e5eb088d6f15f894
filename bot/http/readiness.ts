/**
 * /health/ready: GitHub accepts the App's credentials and every cluster a repository has asked
 * for answers. Answers are cached briefly so a probe every few seconds costs GitHub and the
 * clusters almost nothing.
 */

import type { LiveSource, Reachability } from "../../src/live/index.js";
import type { ClusterHealth } from "../run/cluster-health.js";

export interface ReadinessReport {
  readonly ready: boolean;
  readonly github: { readonly ok: boolean; readonly message?: string };
  readonly clusters: { readonly cluster: string; readonly ok: boolean; readonly message?: string }[];
  readonly shuttingDown?: boolean;
}

export interface ReadinessOptions {
  /** resolves when GitHub accepts the App's credentials (one `GET /app`) */
  readonly github: () => Promise<void>;
  readonly health: ClusterHealth;
  readonly probe: (source: LiveSource) => Promise<Reachability>;
  readonly cacheMs?: number;
  readonly now?: () => number;
}

export class Readiness {
  private shuttingDown = false;
  private cached: { at: number; report: Promise<ReadinessReport> } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ReadinessOptions) {
    this.now = options.now ?? Date.now;
  }

  /** From SIGTERM on, not ready: Kubernetes stops sending webhooks while runs finish. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** Forget the cached answer (a run just found a cluster down). */
  invalidate(): void {
    this.cached = undefined;
  }

  check(): Promise<ReadinessReport> {
    if (this.shuttingDown) return Promise.resolve({ ready: false, shuttingDown: true, github: { ok: true }, clusters: [] });
    const fresh = this.cached && this.now() - this.cached.at < (this.options.cacheMs ?? 15_000);
    if (!fresh) this.cached = { at: this.now(), report: this.evaluate() };
    return (this.cached as { report: Promise<ReadinessReport> }).report;
  }

  private async evaluate(): Promise<ReadinessReport> {
    const github = await this.options.github().then(
      () => ({ ok: true }),
      (error: unknown) => ({
        ok: false,
        message: `GitHub: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`,
      }),
    );
    const clusters = await Promise.all(
      this.options.health.list().map(async (entry) => {
        const reach = await this.options.probe(entry.source);
        this.options.health.record(entry.key, entry.source, reach.reachable, reach.reachable ? undefined : reach.message);
        return { cluster: entry.key, ok: reach.reachable, ...(reach.reachable ? {} : { message: reach.message }) };
      }),
    );
    return { ready: github.ok && clusters.every((cluster) => cluster.ok), github, clusters };
  }
}
