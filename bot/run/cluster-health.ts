/**
 * The clusters repositories have asked the bot to watch, and whether each answered last time.
 * Readiness reads it; runs write it. Keyed by how the bot reaches a cluster, not by the name a
 * repository gives it, so two repositories naming one context share one entry.
 */

import type { LiveSource } from "../../src/live/index.js";

export interface ClusterEntry {
  readonly key: string;
  readonly source: LiveSource;
  /** the last run's verdict; undefined until a run has used the cluster */
  ok?: boolean;
  message?: string;
}

export class ClusterHealth {
  private readonly entries = new Map<string, ClusterEntry>();

  record(key: string, source: LiveSource, ok: boolean, message?: string): void {
    const entry = this.entries.get(key) ?? { key, source };
    entry.ok = ok;
    if (message === undefined) delete entry.message;
    else entry.message = message;
    this.entries.set(key, entry);
  }

  list(): ClusterEntry[] {
    return [...this.entries.values()];
  }
}
