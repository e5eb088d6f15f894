/**
 * Runs the drift check of a repository, whatever asked for it (schedule, push, command,
 * installation, `--once`): reads its configuration, then checks each cluster under a lock, counts
 * what happened, and keeps the dashboard. It also knows every run in flight, so shut-down can
 * let them finish.
 */

import { createHash } from "node:crypto";
import { DEFAULT_SCHEDULE_MINUTES, type DriftCluster } from "../../src/drift/config.js";
import { stableFingerprinter } from "../../src/drift/secret-values.js";
import { upsertCheckRun } from "../../src/github/check-run.js";
import type { LiveReadOptions } from "../../src/live/index.js";
import { escapeMarkdown } from "../../src/report/markdown-escape.js";
import type { BotIdentity } from "../github/identity.js";
import { type BotIssue, listBotIssues } from "../github/issues.js";
import { type GitHub, githubMessage } from "../github/octokit.js";
import { CONFIG_FILE, loadRepoConfig } from "../github/repo-config.js";
import { branchHead, isUnderPath } from "../github/repo-files.js";
import type { ClusterAccess } from "../grants/access.js";
import { errorFields, type Logger } from "../logger.js";
import type { BotMetrics, Trigger } from "../metrics.js";
import type { CheckLock } from "../schedule/lock.js";
import { type ClusterOutcome, type ClusterRun, checkCluster } from "./check-cluster.js";
import type { ClusterHealth } from "./cluster-health.js";
import { Coalescer } from "./coalesce.js";
import { reconcileDashboard } from "./dashboard.js";

export interface RepoTarget {
  readonly owner: string;
  readonly repo: string;
  /** read from GitHub when the trigger did not say (installation events do not) */
  readonly defaultBranch?: string;
  readonly installationId: number;
}

export interface CheckOptions {
  /** only these clusters (a `/plumbline drift prod` command) */
  readonly clusters?: readonly string[];
  /** only clusters whose paths hold one of these files, or all when the configuration is one (a push) */
  readonly touched?: readonly string[];
}

export interface RepoReport {
  readonly config: "absent" | "invalid" | "ok" | "skipped";
  readonly message?: string;
  /** minutes until the next scheduled check (the repository's `drift.schedule`, or the default) */
  readonly scheduleMinutes: number;
  readonly clusters: ClusterOutcome[];
}

export interface RunnerDeps {
  readonly installationOctokit: (installationId: number) => Promise<GitHub>;
  readonly identity: () => Promise<BotIdentity>;
  readonly lock: CheckLock;
  /** the operator's grants: which clusters and namespaces this repository may read */
  readonly access: ClusterAccess;
  /** keys Secret fingerprints (with the installation): a secret the bot already guards */
  readonly fingerprintSecret: string;
  readonly health: ClusterHealth;
  readonly metrics: BotMetrics;
  readonly log: Logger;
  /** time-outs, retries and the abort signal for cluster reads */
  readonly live: LiveReadOptions;
  readonly now?: () => Date;
  /** how long a replica may hold a check before others assume it died; default 15 minutes */
  readonly runForMs?: number;
}

/** the share of its interval for which a check done by one replica is skipped by the others */
const HOLD_SHARE = 0.5;
export const CONFIG_CHECK_NAME = "Plumbline configuration";

export class DriftRunner {
  private readonly coalescer = new Coalescer<RepoReport>();
  private stopped = false;

  constructor(private readonly deps: RunnerDeps) {}

  /** Checks a repository, or joins the run already queued for it. */
  checkRepository(target: RepoTarget, trigger: Trigger, options: CheckOptions = {}): Promise<RepoReport> {
    if (this.stopped)
      return Promise.resolve({
        config: "skipped",
        message: "shutting down",
        scheduleMinutes: DEFAULT_SCHEDULE_MINUTES,
        clusters: [],
      });
    return this.coalescer.run(`${target.owner}/${target.repo}`, () =>
      this.run(target, trigger, options).catch((error: unknown) => {
        // a run never takes the process down: the next trigger tries again
        this.deps.metrics.errors.inc({ stage: "github" });
        this.deps.log.error(
          { repository: `${target.owner}/${target.repo}`, trigger, error: errorFields(error) },
          "drift check failed",
        );
        return {
          config: "skipped" as const,
          message: githubMessage(error),
          scheduleMinutes: DEFAULT_SCHEDULE_MINUTES,
          clusters: [],
        };
      }),
    );
  }

  /** Refuse new runs, then wait for those in flight; false when `timeoutMs` ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = (async () => {
      for (let pending = this.coalescer.pending(); pending.length > 0; pending = this.coalescer.pending()) {
        await Promise.allSettled(pending);
      }
      return true as const;
    })();
    const result = await Promise.race([settled, timeout]);
    clearTimeout(timer);
    return result;
  }

  private async run(target: RepoTarget, trigger: Trigger, options: CheckOptions): Promise<RepoReport> {
    const { metrics } = this.deps;
    const repo = { owner: target.owner, repo: target.repo };
    const log = this.deps.log.child({ repository: `${target.owner}/${target.repo}`, trigger });
    const github = await this.deps.installationOctokit(target.installationId);
    const loaded = await loadRepoConfig(github, repo).catch((error: unknown) => error as Error);
    if (loaded instanceof Error) {
      metrics.errors.inc({ stage: "github" });
      log.error({ error: errorFields(loaded) }, "cannot read the configuration");
      return { config: "skipped", message: githubMessage(loaded), scheduleMinutes: DEFAULT_SCHEDULE_MINUTES, clusters: [] };
    }
    if (loaded.state === "absent") {
      metrics.runs.inc({ trigger, outcome: "no-config" });
      return { config: "absent", scheduleMinutes: DEFAULT_SCHEDULE_MINUTES, clusters: [] };
    }
    if (loaded.state === "invalid") {
      metrics.runs.inc({ trigger, outcome: "invalid-config" });
      metrics.errors.inc({ stage: "config" });
      log.warn({ problem: loaded.message }, "invalid configuration");
      await this.reportInvalidConfig(github, target, loaded.message, log);
      return { config: "invalid", message: loaded.message, scheduleMinutes: DEFAULT_SCHEDULE_MINUTES, clusters: [] };
    }

    const config = loaded.config;
    const clusters = selectClusters(config.drift.clusters, options);
    if (clusters.length === 0) return { config: "ok", scheduleMinutes: config.drift.schedule, clusters: [] };
    const outcomes: ClusterOutcome[] = [];
    let identity: BotIdentity;
    let headSha: string;
    let defaultBranch: string;
    try {
      identity = await this.deps.identity();
      defaultBranch = await defaultBranchOf(github, target);
      headSha = await branchHead(github, repo, defaultBranch);
    } catch (error) {
      metrics.errors.inc({ stage: "github" });
      log.error({ error: errorFields(error) }, "cannot read the default branch");
      return { config: "ok", message: githubMessage(error), scheduleMinutes: config.drift.schedule, clusters: [] };
    }
    let issues: Promise<BotIssue[]> | undefined;
    const base = {
      github,
      repo,
      defaultBranch,
      headSha,
      config,
      identity,
      botIssues: () => {
        issues ??= listBotIssues(github, repo, identity.login);
        return issues;
      },
      tenant: { installationId: target.installationId, owner: target.owner, repo: target.repo },
      access: this.deps.access,
      fingerprint: stableFingerprinter(this.deps.fingerprintSecret, `installation:${target.installationId}`),
      health: this.deps.health,
      live: this.deps.live,
      now: this.deps.now ?? (() => new Date()),
    };
    for (const cluster of clusters) {
      outcomes.push(await this.checkOne({ ...base, cluster, log: log.child({ cluster: cluster.name }) }, trigger));
    }

    if (config.dashboard && outcomes.some((outcome) => outcome.outcome !== "skipped")) {
      await reconcileDashboard(
        github,
        repo,
        identity.login,
        outcomes,
        await base.botIssues(),
        config.drift.clusters.map((cluster) => cluster.name),
        { now: base.now(), scheduleMinutes: config.drift.schedule },
      ).catch((error: unknown) => {
        metrics.errors.inc({ stage: "github" });
        log.error({ error: errorFields(error) }, "cannot update the drift dashboard");
      });
    }
    return { config: "ok", scheduleMinutes: config.drift.schedule, clusters: outcomes };
  }

  /** One cluster under its lock, counted in the metrics. */
  private async checkOne(run: ClusterRun, trigger: Trigger): Promise<ClusterOutcome> {
    const { metrics } = this.deps;
    const { cluster, repo, log, config } = run;
    const started = performance.now();
    const held = await this.deps.lock
      .acquire({
        key: `${repo.owner}/${repo.repo}#${cluster.name}`,
        scheduled: trigger === "schedule",
        runForMs: this.deps.runForMs ?? 15 * 60_000,
      })
      .catch((error: unknown) => {
        // without the lock the check still runs: a repeated check is harmless, a missed one is not
        log.warn({ error: errorFields(error) }, "cannot take the lease; checking anyway");
        return { release: async () => {} };
      });
    if (!held) {
      metrics.runs.inc({ trigger, outcome: "skipped" });
      return { cluster: cluster.name, outcome: "skipped", summary: "checked by another replica", driftedResources: 0 };
    }
    let outcome: ClusterOutcome;
    try {
      outcome = await checkCluster(run);
    } catch (error) {
      log.error({ error: errorFields(error) }, "drift check failed");
      outcome = {
        cluster: cluster.name,
        outcome: "error",
        summary: `failed: ${githubMessage(error)}`,
        driftedResources: 0,
        errorStage: "github",
      };
    } finally {
      // other replicas' scheduled checks skip it for half an interval: the replica that ran it
      // keeps running it, another takes over within an interval and a half if it stops.
      // A failed release only costs one repeated check.
      await held
        .release(config.drift.schedule * 60_000 * HOLD_SHARE)
        .catch((error: unknown) => log.warn({ error: errorFields(error) }, "cannot release the lease"));
    }
    metrics.runs.inc({ trigger, outcome: outcome.outcome });
    metrics.duration.observe({ trigger }, (performance.now() - started) / 1000);
    if (outcome.errorStage) metrics.errors.inc({ stage: outcome.errorStage });
    else
      metrics.driftedResources.set({ repository: `${repo.owner}/${repo.repo}`, cluster: cluster.name }, outcome.driftedResources);
    return outcome;
  }

  /** One check run on the default branch's head says what is wrong; the same message is not sent twice. */
  private async reportInvalidConfig(github: GitHub, target: RepoTarget, message: string, log: Logger): Promise<void> {
    try {
      const repo = { owner: target.owner, repo: target.repo };
      const headSha = await branchHead(github, repo, await defaultBranchOf(github, target));
      await upsertCheckRun(github, repo, {
        name: CONFIG_CHECK_NAME,
        headSha,
        conclusion: "failure",
        title: "The drift bot cannot use .github/plumbline.yml",
        summary: `${escapeMarkdown(message)}\n\nPlumbline checks no cluster of this repository until the file is fixed.`,
        externalId: `config:${createHash("sha256").update(message).digest("hex").slice(0, 16)}`,
      });
    } catch (error) {
      log.warn({ error: errorFields(error) }, "cannot report the invalid configuration");
    }
  }
}

function selectClusters(clusters: readonly DriftCluster[], options: CheckOptions): DriftCluster[] {
  return clusters.filter((cluster) => {
    if (options.clusters?.length && !options.clusters.includes(cluster.name)) return false;
    if (!options.touched) return true;
    return options.touched.some((file) => file === CONFIG_FILE || cluster.paths.some((prefix) => isUnderPath(file, prefix)));
  });
}

async function defaultBranchOf(github: GitHub, target: RepoTarget): Promise<string> {
  return target.defaultBranch ?? (await github.rest.repos.get({ owner: target.owner, repo: target.repo })).data.default_branch;
}
