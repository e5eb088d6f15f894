/**
 * `mode: pr`: bring the cluster's one drift pull request in line with the drift just found.
 *
 * - no drift to write back: an open PR is closed with a comment (and its branch deleted while only
 *   the bot has committed to it);
 * - the same drift as the open PR describes: nothing is sent;
 * - different drift: the branch is rebuilt and force-moved, unless a person has pushed to it, in
 *   which case a comment says what changed and the branch stays theirs;
 * - no open PR: a new one, unless a person closed one for this exact drift without merging it.
 */

import type { DriftCluster } from "../../src/drift/config.js";
import { commitEdits, deleteBranch, driftBranch, pointBranch, readBranch } from "../github/branch.js";
import { commentOnce } from "../github/comments.js";
import type { BotIdentity } from "../github/identity.js";
import type { GitHub, RepoRef } from "../github/octokit.js";
import { decoratePull, editPull, findDriftPulls, openPull } from "../github/pulls.js";
import type { BotRepoConfig } from "../github/repo-config.js";
import type { TreeSnapshot } from "../github/repo-files.js";
import { type BodyContext, pullRequestBody, pullRequestTitle } from "../proposal/body.js";
import { type DriftMarker, isResolved, markResolved } from "../proposal/marker.js";
import type { DriftPlan } from "../proposal/plan.js";
import { describeChanges } from "./what-changed.js";

export type ProposalAction = "none" | "created" | "updated" | "unchanged" | "commented" | "closed" | "suppressed" | "blocked";

export interface ProposalResult {
  readonly action: ProposalAction;
  readonly link?: { readonly kind: "pull" | "issue"; readonly number: number; readonly url: string };
  readonly note?: string;
}

export interface PullContext {
  readonly github: GitHub;
  readonly repo: RepoRef;
  readonly defaultBranch: string;
  readonly snapshot: TreeSnapshot;
  readonly identity: BotIdentity;
  readonly cluster: DriftCluster;
  readonly config: BotRepoConfig;
  readonly body: BodyContext;
  readonly warn: (message: string) => void;
}

export async function reconcilePull(context: PullContext, plan: DriftPlan): Promise<ProposalResult> {
  const { github, repo, cluster } = context;
  const branch = driftBranch(cluster.name);
  const pulls = await findDriftPulls(github, repo, branch);
  const open = pulls.find((pull) => pull.open);

  if (plan.edits.length === 0) {
    if (!open) return { action: "none" };
    const reason =
      plan.driftedResources === 0
        ? `Cluster \`${cluster.name}\` matches Git again, so this pull request has nothing left to do. Closing it.`
        : `The drift left in cluster \`${cluster.name}\` cannot be written to Git (see the check run), so this pull request has nothing left to do. Closing it.`;
    await commentOnce(github, repo, open.number, `close:${open.marker?.fingerprint ?? "none"}:${plan.fingerprint}`, reason);
    await editPull(github, repo, open.number, { close: true, body: markResolved(open.body) });
    const state = await readBranch(github, repo, branch, context.snapshot.commitSha, context.identity);
    if (state && !state.touchedByPerson) await deleteBranch(github, repo, branch);
    return { action: "closed", link: { kind: "pull", number: open.number, url: open.url } };
  }

  if (open) {
    const marker = open.marker;
    if (marker?.fingerprint === plan.fingerprint)
      return { action: "unchanged", link: { kind: "pull", number: open.number, url: open.url } };
    const state = await readBranch(github, repo, branch, context.snapshot.commitSha, context.identity);
    const link = { kind: "pull" as const, number: open.number, url: open.url };
    if (state?.touchedByPerson) {
      const note = `${state.people.join(", ")} pushed to \`${branch}\`, so Plumbline no longer updates it. The table shows the drift found now; the branch still holds the earlier write-back.`;
      const comment = `The drift in cluster \`${cluster.name}\` changed since this pull request was last updated:\n\n${describeChanges(marker?.items ?? [], plan.items)}\n\n${note}`;
      await commentOnce(github, repo, open.number, `changed:${plan.fingerprint}`, comment);
      const body = pullRequestBody(plan, context.body, markerFor(cluster.name, plan), note);
      await editPull(github, repo, open.number, { body });
      return { action: "commented", link };
    }
    await writeBranch(context, plan, branch, state !== undefined);
    await editPull(github, repo, open.number, {
      title: pullRequestTitle(cluster.name),
      body: pullRequestBody(plan, context.body, markerFor(cluster.name, plan)),
    });
    return { action: "updated", link };
  }

  const declined = pulls.find(
    (pull) => !pull.open && !pull.merged && pull.marker?.fingerprint === plan.fingerprint && !isResolved(pull.body),
  );
  if (declined) {
    return {
      action: "suppressed",
      link: { kind: "pull", number: declined.number, url: declined.url },
      note: `#${declined.number} was closed without merging; this drift is not proposed again until it changes`,
    };
  }
  const state = await readBranch(github, repo, branch, context.snapshot.commitSha, context.identity);
  if (state?.touchedByPerson) {
    const note = `branch ${branch} has commits by ${state.people.join(", ")} and no open pull request: delete the branch to let Plumbline propose again`;
    context.warn(note);
    return { action: "blocked", note };
  }
  await writeBranch(context, plan, branch, state !== undefined);
  const pull = await openPull(github, repo, {
    branch,
    base: context.defaultBranch,
    title: pullRequestTitle(cluster.name),
    body: pullRequestBody(plan, context.body, markerFor(cluster.name, plan)),
    draft: context.config.drift.pr.draft,
  });
  // also when the create looked failed but had happened: labels and reviewers are idempotent
  await decoratePull(github, repo, pull.number, context.config.drift.pr, context.warn);
  return { action: "created", link: { kind: "pull", number: pull.number, url: pull.url } };
}

async function writeBranch(context: PullContext, plan: DriftPlan, branch: string, exists: boolean): Promise<void> {
  const { github, repo, snapshot } = context;
  const sha = await commitEdits(github, repo, {
    parentSha: snapshot.commitSha,
    baseTreeSha: snapshot.treeSha,
    edits: plan.edits,
    message: commitMessage(context.cluster.name, plan),
  });
  await pointBranch(github, repo, branch, sha, exists);
}

function commitMessage(cluster: string, plan: DriftPlan): string {
  const written = plan.rows.filter((row) => row.written);
  const lines = written.slice(0, 30).map((row) => `- ${row.resource}: ${row.field}`);
  const more = written.length > 30 ? [`- … and ${written.length - 30} more`] : [];
  return [`Write back drift from cluster ${cluster}`, "", ...lines, ...more, "", `Plumbline-Drift: ${plan.fingerprint}`].join(
    "\n",
  );
}

function markerFor(cluster: string, plan: DriftPlan): DriftMarker {
  return { cluster, fingerprint: plan.fingerprint, items: plan.items };
}
