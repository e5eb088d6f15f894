/**
 * One drift check of one cluster of one repository: Git at the default branch's head, the live
 * state, the core's comparison, then the pull request (or issue) and the check run. Everything
 * that can fail outside (GitHub, the cluster) fails here with a one-line reason; nothing is
 * written to GitHub before the comparison has succeeded.
 */

import type { DriftCluster } from "../../src/drift/config.js";
import type { WriteBackEdits } from "../../src/drift/edits.js";
import { problemLine, REFUSAL, runDrift } from "../../src/drift/pipeline/index.js";
import type { Fingerprinter } from "../../src/drift/secret-values.js";
import { upsertCheckRun } from "../../src/github/check-run.js";
import { type LiveReadOptions, LiveSourceError } from "../../src/live/index.js";
import { codeSpan, escapeMarkdown } from "../../src/report/markdown-escape.js";
import type { BotIdentity } from "../github/identity.js";
import type { BotIssue } from "../github/issues.js";
import { type GitHub, githubMessage, type RepoRef } from "../github/octokit.js";
import { type BotRepoConfig, CONFIG_FILE } from "../github/repo-config.js";
import { RepositoryReadError, readManifests } from "../github/repo-files.js";
import type { ClusterAccess } from "../grants/access.js";
import type { Tenant } from "../grants/grants.js";
import type { Logger } from "../logger.js";
import type { ErrorStage, RunOutcome } from "../metrics.js";
import { type BodyContext, checkRunSummary, summaryLine } from "../proposal/body.js";
import { type DriftPlan, planDrift } from "../proposal/plan.js";
import type { ClusterHealth } from "./cluster-health.js";
import { loadRepoManifests } from "./git-manifests.js";
import { reconcileIssue } from "./reconcile-issue.js";
import { type ProposalResult, reconcilePull } from "./reconcile-pull.js";

export interface ClusterRun {
  readonly github: GitHub;
  readonly repo: RepoRef;
  readonly defaultBranch: string;
  readonly headSha: string;
  readonly config: BotRepoConfig;
  readonly cluster: DriftCluster;
  readonly identity: BotIdentity;
  /** the bot's issues in the repository, read at most once per repository run */
  readonly botIssues: () => Promise<BotIssue[]>;
  /** who asks, and the operator's grants that decide what it may read */
  readonly tenant: Tenant;
  readonly access: ClusterAccess;
  /** Secret values as this tenant sees them: keyed per installation */
  readonly fingerprint: Fingerprinter;
  readonly health: ClusterHealth;
  readonly live: LiveReadOptions;
  readonly log: Logger;
  readonly now: () => Date;
}

export interface ClusterOutcome {
  readonly cluster: string;
  readonly outcome: RunOutcome;
  /** one line for a comment reply and the dashboard */
  readonly summary: string;
  readonly proposal?: ProposalResult;
  readonly driftedResources: number;
  readonly errorStage?: ErrorStage;
}

export function checkRunName(cluster: string): string {
  return `Plumbline drift (${cluster})`;
}

export async function checkCluster(run: ClusterRun): Promise<ClusterOutcome> {
  const { github, repo, cluster, log } = run;
  // refused before anything is read: neither Git nor the cluster
  const access = run.access.resolve(run.tenant, cluster);
  if (!access.granted) return failed(run, "grant", access.message);
  const snapshot = await readManifests(github, repo, run.headSha, cluster.paths).catch((error: unknown) => {
    if (error instanceof RepositoryReadError) return error;
    throw error;
  });
  if (snapshot instanceof RepositoryReadError) return failed(run, "config", snapshot.message);
  const texts = new Map(snapshot.files.map((file) => [file.path, file.text]));
  let emptyPaths: string[] = [];

  let drift: Awaited<ReturnType<typeof runDrift>>;
  try {
    drift = await runDrift({
      git: {
        load: async () => {
          const loaded = await loadRepoManifests(snapshot.files, cluster.paths, run.config.settings);
          emptyPaths = loaded.emptyPaths;
          return loaded.set;
        },
        read: async (file) => texts.get(file),
      },
      namespaces: cluster.namespaces,
      source: access.source,
      live: {
        ...run.live,
        allowNamespace: access.allowNamespace,
        // messages and the pull request name the cluster as the repository does, never its server's URL
        serverLabel: clusterLabel(cluster.name),
      },
      compare: { config: run.config.drift, configSource: CONFIG_FILE, fingerprint: run.fingerprint },
      write: { leaveFilesWithSecretValues: true },
    });
  } catch (error) {
    if (!(error instanceof LiveSourceError)) throw error;
    run.health.record(access.key, access.source, false, error.message);
    return failed(
      run,
      "cluster",
      `cannot read ${clusterLabel(cluster.name)}: ${tenantMessage(error, clusterLabel(cluster.name))}`,
      error.message,
    );
  }
  if (!drift.ok) {
    // as `plumbline drift` does: a file that did not load would make its objects look missing from Git
    const lines = drift.fatal.map((problem) => problemLine(problem));
    return failed(run, "config", `the manifests cannot be compared (${REFUSAL}): ${lines.join("; ")}`);
  }
  run.health.record(access.key, access.source, true);
  const { result, live } = drift;
  const notes = emptyPaths.map((path) => `${CONFIG_FILE}: no manifests under ${path}`);
  const modes = new Map(snapshot.files.map((file) => [file.path, file.mode]));
  const plan = planDrift(result, drift.edits ?? EMPTY_EDITS, modes);
  const warnings = [...notes, ...result.warnings, ...plan.warnings];
  const body: BodyContext = {
    cluster: cluster.name,
    branch: run.defaultBranch,
    commitSha: run.headSha,
    source: live.source,
    checkedAt: run.now().toISOString(),
  };
  const planWithNotes: DriftPlan = { ...plan, warnings };

  const proposal =
    run.config.drift.mode === "issue"
      ? await reconcileIssue(
          { github, repo, login: run.identity.login, cluster, config: run.config, body, issues: await run.botIssues() },
          planWithNotes,
        )
      : await reconcilePull(
          {
            github,
            repo,
            defaultBranch: run.defaultBranch,
            snapshot,
            identity: run.identity,
            cluster,
            config: run.config,
            body,
            warn: (message) => log.warn(message),
          },
          planWithNotes,
        );

  const drifted = plan.driftedResources > 0;
  await upsertCheckRun(github, repo, {
    name: checkRunName(cluster.name),
    headSha: run.headSha,
    conclusion: drifted ? "neutral" : "success",
    title: drifted ? summaryLine(plan) : `Cluster ${cluster.name} matches Git`,
    summary: checkSummary(planWithNotes, proposal, body),
    externalId: `drift:${plan.fingerprint}`,
  });
  log.info({ drifted: plan.driftedResources, changes: plan.rows.length, action: proposal.action }, "drift check done");
  return {
    cluster: cluster.name,
    outcome: drifted ? "drift" : "in-sync",
    summary: drifted ? `${summaryLine(plan)}${proposal.note ? `; ${proposal.note}` : ""}` : "matches Git",
    proposal,
    driftedResources: plan.driftedResources,
  };
}

const FAILURE_TITLES: Record<ErrorStage, string> = {
  grant: "the cluster is not granted to this repository",
  cluster: "the cluster did not answer",
  config: "the repository could not be read",
  github: "GitHub failed",
};

/** A check that could not compare: one check run says why; no pull request is touched. */
async function failed(run: ClusterRun, stage: ErrorStage, message: string, detail?: string): Promise<ClusterOutcome> {
  run.log.warn({ stage, ...(detail !== undefined ? { detail } : {}) }, message);
  try {
    await upsertCheckRun(run.github, run.repo, {
      name: checkRunName(run.cluster.name),
      headSha: run.headSha,
      conclusion: "failure",
      title: `Drift not checked: ${FAILURE_TITLES[stage]}`,
      summary: escapeMarkdown(message),
      externalId: `error:${stage}:${message.slice(0, 60)}`,
    });
  } catch (error) {
    run.log.warn({ error: githubMessage(error) }, "could not report the failure in a check run");
  }
  return { cluster: run.cluster.name, outcome: "error", summary: message, driftedResources: 0, errorStage: stage };
}

/**
 * What the repository is told about a failed read. A kubeconfig problem is the operator's: its
 * message names files and contexts of the bot, so the repository learns only that, and the log
 * (the operator's) keeps the detail.
 */
/** How the bot names a cluster where the CLI names its server: the repository's name for it. */
function clusterLabel(name: string): string {
  return `cluster ${name}`;
}

function tenantMessage(error: LiveSourceError, label: string): string {
  if (error.code === "kubeconfig") return "the bot's credentials for it cannot be used (its operator finds why in the bot's log)";
  // the reader names the place as "the Kubernetes API at <label>"; the summary names the cluster already
  return error.message.replaceAll(` at ${label}`, "");
}

function checkSummary(plan: DriftPlan, proposal: ProposalResult, body: BodyContext): string {
  // everything quoted from the repository or the cluster is escaped: GitHub renders the summary
  const header = `Compared ${codeSpan(body.branch)} at ${codeSpan(body.commitSha.slice(0, 7))} with ${escapeMarkdown(body.source)}.`;
  if (plan.driftedResources === 0) return `${header}\n\nNo drift.`;
  const link = proposal.link
    ? `\n\nProposed in ${proposal.link.url}.`
    : proposal.note
      ? `\n\n${escapeMarkdown(proposal.note)}.`
      : "";
  return checkRunSummary(`${header}${link}`, plan);
}

const EMPTY_EDITS: WriteBackEdits = { files: [], outcomes: [], skipped: [], applied: [], failures: [] };
