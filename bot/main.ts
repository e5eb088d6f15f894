/**
 * Puts the bot together from its settings: Probot (App auth, webhooks), the runner, the lock, the
 * scheduler, readiness and metrics. `serve` runs until SIGTERM; `driftOnce` checks every installed
 * repository once and returns an exit code.
 */

import { KubeConfig } from "@kubernetes/client-node";
import { Probot } from "probot";
import { driftApp } from "./app.js";
import { identityLoader } from "./github/identity.js";
import { createBotOctokit, type GitHub, type OctokitTuning } from "./github/octokit.js";
import { ClusterAccess } from "./grants/access.js";
import { Readiness } from "./http/readiness.js";
import { type RunningServer, startHttpServer } from "./http/server.js";
import { createLogger, errorFields, type Logger } from "./logger.js";
import { type BotMetrics, createMetrics, registerClusterHealth } from "./metrics.js";
import { ClusterHealth } from "./run/cluster-health.js";
import { DriftRunner } from "./run/runner.js";
import { Tasks } from "./run/tasks.js";
import { listInstalledRepositories } from "./schedule/installations.js";
import { LeaseLock } from "./schedule/lease-lock.js";
import { type CheckLock, MemoryLock } from "./schedule/lock.js";
import { runOnce, Scheduler, type SchedulerOptions } from "./schedule/scheduler.js";
import type { BotSettings } from "./settings.js";

export interface BotOverrides {
  readonly log?: Logger;
  readonly lock?: CheckLock;
  readonly octokit?: OctokitTuning;
  readonly metrics?: BotMetrics;
  readonly scheduler?: Partial<Omit<SchedulerOptions, "list" | "runner" | "log">>;
  /** cluster reads: tests shorten time-outs and back-off */
  readonly live?: { readonly retries?: number; readonly backoffMs?: number; readonly sleep?: (ms: number) => Promise<void> };
  /** the clock cluster health expires by */
  readonly now?: () => number;
}

export interface Bot {
  readonly probot: Probot;
  readonly runner: DriftRunner;
  readonly tasks: Tasks;
  readonly scheduler: Scheduler;
  readonly readiness: Readiness;
  readonly metrics: BotMetrics;
  readonly health: ClusterHealth;
  readonly log: Logger;
  readonly installationOctokit: (installationId: number) => Promise<GitHub>;
}

export async function createBot(settings: BotSettings, overrides: BotOverrides = {}): Promise<Bot> {
  const log = overrides.log ?? createLogger(settings.logLevel);
  const metrics = overrides.metrics ?? createMetrics();
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.webhookSecret,
    // Probot logs every request's parameters (bodies included) at debug: only at trace here
    log: log.child({ name: "probot" }, { level: settings.logLevel === "trace" ? "trace" : quieter(settings.logLevel) }),
    Octokit: createBotOctokit(overrides.octokit),
    ...(settings.githubApiUrl ? { baseUrl: settings.githubApiUrl } : {}),
  });
  const appOctokit = () => probot.auth() as Promise<GitHub>;
  const installationOctokit = (installationId: number) => probot.auth(installationId) as Promise<GitHub>;
  const identity = identityLoader(appOctokit);
  const health = new ClusterHealth(overrides.now);
  registerClusterHealth(metrics.registry, () => health.list());
  const runner = new DriftRunner({
    installationOctokit,
    identity,
    access: new ClusterAccess(settings.grants, settings.kubeconfig),
    // Secret fingerprints stay the same across restarts and replicas (declined Secret drift stays
    // declined), keyed per installation so no tenant can compare its fingerprints with another's
    fingerprintSecret: settings.privateKey,
    lock: overrides.lock ?? defaultLock(settings),
    health,
    metrics,
    log,
    live: {
      timeoutMs: settings.clusterTimeoutMs,
      onRequest: (event) =>
        metrics.clusterRequests.inc({ status: event.status !== undefined ? String(event.status) : (event.error ?? "error") }),
      ...overrides.live,
    },
  });
  const tasks = new Tasks();
  const scheduler = new Scheduler({
    list: () => listInstalledRepositories(appOctokit, installationOctokit),
    runner,
    log,
    ...overrides.scheduler,
  });
  const readiness = new Readiness({
    github: async () => {
      await (await appOctokit()).rest.apps.getAuthenticated();
    },
  });
  const app = driftApp(
    { runner, tasks, identity, installationOctokit, log },
    { onRepositoriesChanged: () => scheduler.refreshSoon() },
  );
  await probot.load(app);
  return { probot, runner, tasks, scheduler, readiness, metrics, health, log, installationOctokit };
}

/** At least `info`: what Probot logs at debug carries request bodies. */
function quieter(level: BotSettings["logLevel"]): BotSettings["logLevel"] {
  return level === "debug" ? "info" : level;
}

/** Scheduled checks share Leases when the bot knows its namespace (in a cluster); otherwise it is alone. */
function defaultLock(settings: BotSettings): CheckLock {
  if (!settings.leaseNamespace) return new MemoryLock();
  const config = new KubeConfig();
  config.loadFromCluster();
  return new LeaseLock(config, { namespace: settings.leaseNamespace, identity: settings.identity });
}

/** The long-running server. Resolves once SIGTERM (or SIGINT) has been handled. */
export async function serve(settings: BotSettings, overrides: BotOverrides = {}): Promise<void> {
  const bot = await createBot(settings, overrides);
  const webhooks = await bot.probot.getNodeMiddleware();
  const server = await startHttpServer({
    port: settings.port,
    host: settings.host,
    webhooks,
    webhookSecret: settings.webhookSecret,
    readiness: bot.readiness,
    registry: bot.metrics.registry,
    log: bot.log,
  });
  bot.scheduler.start();
  bot.log.info({ url: server.url }, "plumbline-bot listening");
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      void shutDown(bot, server, settings.shutdownGraceMs, signal).then(() => resolve());
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}

/**
 * Graceful: not ready at once (no new traffic), no new scheduled checks, no new connections; runs
 * in flight finish, so no pull request is left half-made. After the grace period the process ends
 * anyway; what a cut-short run left (a branch without a pull request) the next run completes.
 */
export async function shutDown(bot: Bot, server: RunningServer, graceMs: number, signal: string): Promise<boolean> {
  bot.log.info({ signal, running: bot.tasks.size }, "shutting down: finishing runs in flight");
  bot.readiness.markShuttingDown();
  bot.scheduler.stop();
  await server.close();
  const finished = await bot.runner.drain(graceMs);
  await Promise.race([bot.tasks.idle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  if (finished) bot.log.info("shut down cleanly");
  else bot.log.warn({ graceMs }, "runs still in flight at the end of the grace period");
  return finished;
}

/** `plumbline-bot drift --once`: 0 when every check ran, 1 when one failed. */
export async function driftOnce(settings: BotSettings, overrides: BotOverrides = {}): Promise<number> {
  const bot = await createBot(settings, overrides);
  try {
    const targets = await listInstalledRepositories(() => bot.probot.auth() as Promise<GitHub>, bot.installationOctokit);
    const reports = await runOnce(targets, bot.runner);
    const clusters = reports.flatMap((report) => report.clusters);
    const failed =
      clusters.filter((cluster) => cluster.outcome === "error").length +
      reports.filter((report) => report.config === "skipped").length;
    bot.log.info({ repositories: targets.length, clusters: clusters.length, failed }, "drift --once done");
    return failed > 0 ? 1 : 0;
  } catch (error) {
    bot.log.error({ error: errorFields(error) }, "drift --once failed");
    return 1;
  }
}
