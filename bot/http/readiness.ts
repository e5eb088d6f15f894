/**
 * /health/ready means "can serve webhooks": not shutting down, and GitHub accepts the App's
 * credentials. Clusters are deliberately not part of it: a repository's unreachable cluster would
 * otherwise take every replica out of the Service and stop webhooks for everyone. Per-cluster health
 * is in the metrics (`plumbline_bot_cluster_up`) and each repository's check runs and dashboard.
 * Answers are cached briefly so a probe every few seconds costs GitHub almost nothing.
 */

export interface ReadinessReport {
  readonly ready: boolean;
  readonly github: { readonly ok: boolean; readonly message?: string };
  readonly shuttingDown?: boolean;
}

export interface ReadinessOptions {
  /** resolves when GitHub accepts the App's credentials (one `GET /app`) */
  readonly github: () => Promise<void>;
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

  check(): Promise<ReadinessReport> {
    if (this.shuttingDown) return Promise.resolve({ ready: false, shuttingDown: true, github: { ok: true } });
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
    return { ready: github.ok, github };
  }
}
