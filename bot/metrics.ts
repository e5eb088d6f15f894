/**
 * Prometheus metrics on a registry of our own (not prom-client's global one), so two bots in one
 * test process never share counters.
 */

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type Trigger = "schedule" | "push" | "command" | "installation" | "once";

/** How one (repository, cluster) check ended. */
export type RunOutcome = "in-sync" | "drift" | "error" | "skipped" | "no-config" | "invalid-config";

/** Where an error happened: the part of the outside world that failed. */
export type ErrorStage = "config" | "grant" | "cluster" | "github";

export interface BotMetrics {
  readonly registry: Registry;
  readonly runs: Counter<"trigger" | "outcome">;
  readonly driftedResources: Gauge<"repository" | "cluster">;
  readonly errors: Counter<"stage">;
  readonly duration: Histogram<"trigger">;
  readonly clusterRequests: Counter<"status">;
}

/** `plumbline_bot_cluster_up{cluster}`: 1 when the last run that used the cluster read it, 0 when not. */
export function registerClusterHealth(registry: Registry, list: () => readonly { key: string; ok: boolean }[]): void {
  new Gauge({
    name: "plumbline_bot_cluster_up",
    help: "Whether the last drift check that used a cluster could read it (clusters unused for two hours drop out)",
    labelNames: ["cluster"],
    registers: [registry],
    collect() {
      this.reset();
      for (const entry of list()) this.set({ cluster: entry.key }, entry.ok ? 1 : 0);
    },
  });
}

export function createMetrics(options: { processMetrics?: boolean } = {}): BotMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "plumbline_bot_" });
  return {
    registry,
    runs: new Counter({
      name: "plumbline_bot_runs_total",
      help: "Drift checks of one repository and cluster, by trigger and outcome",
      labelNames: ["trigger", "outcome"],
      registers: [registry],
    }),
    driftedResources: new Gauge({
      name: "plumbline_bot_drifted_resources",
      help: "Resources whose live state differs from Git at the last check",
      labelNames: ["repository", "cluster"],
      registers: [registry],
    }),
    errors: new Counter({
      name: "plumbline_bot_errors_total",
      help: "Checks that failed, by the stage that failed",
      labelNames: ["stage"],
      registers: [registry],
    }),
    duration: new Histogram({
      name: "plumbline_bot_run_duration_seconds",
      help: "Duration of one drift check of a repository and cluster",
      labelNames: ["trigger"],
      buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
    clusterRequests: new Counter({
      name: "plumbline_bot_cluster_requests_total",
      help: "HTTP requests to Kubernetes API servers, by status (or error code)",
      labelNames: ["status"],
      registers: [registry],
    }),
  };
}
