/**
 * Whether each cluster answered the last run that used it: for the operator's metrics
 * (`plumbline_bot_cluster_up`), never for readiness, since one repository's cluster being down must
 * not stop the webhooks of every other. Keyed by how the bot reaches a cluster (`context:<name>`,
 * `in-cluster`), so two repositories naming one context share one entry. Entries expire: a cluster no
 * run has used for a while (a repository removed it, or lost its grant) is no longer reported.
 */

import type { LiveSource } from "../../src/live/index.js";

export interface ClusterEntry {
  readonly key: string;
  readonly source: LiveSource;
  readonly ok: boolean;
  readonly message?: string;
  /** when a run last used the cluster (ms since the epoch) */
  readonly at: number;
}

/** Longer than the longest usual schedule (60 minutes, jittered), so a cluster checked hourly stays listed. */
export const HEALTH_TTL_MS = 2 * 60 * 60_000;

export class ClusterHealth {
  private readonly entries = new Map<string, ClusterEntry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = HEALTH_TTL_MS,
  ) {}

  record(key: string, source: LiveSource, ok: boolean, message?: string): void {
    this.entries.set(key, { key, source, ok, ...(message !== undefined ? { message } : {}), at: this.now() });
  }

  /** The entries used within the time-to-live; older ones are forgotten. */
  list(): ClusterEntry[] {
    const oldest = this.now() - this.ttlMs;
    for (const [key, entry] of this.entries) if (entry.at < oldest) this.entries.delete(key);
    return [...this.entries.values()];
  }
}
