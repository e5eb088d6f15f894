/**
 * `mode: issue`: one issue per cluster instead of a pull request, with the same rules: the same
 * drift sends nothing, different drift updates the body, drift gone closes it, and an issue a
 * person closed keeps that exact drift from being reported again.
 */

import type { DriftCluster } from "../../src/drift/config.js";
import { commentOnce } from "../github/comments.js";
import { type BotIssue, editIssue, openIssue } from "../github/issues.js";
import type { GitHub, RepoRef } from "../github/octokit.js";
import type { BotRepoConfig } from "../github/repo-config.js";
import { type BodyContext, issueBody, issueTitle } from "../proposal/body.js";
import { isResolved, markResolved } from "../proposal/marker.js";
import type { DriftPlan } from "../proposal/plan.js";
import type { ProposalResult } from "./reconcile-pull.js";

export interface IssueContext {
  readonly github: GitHub;
  readonly repo: RepoRef;
  readonly login: string;
  readonly cluster: DriftCluster;
  readonly config: BotRepoConfig;
  readonly body: BodyContext;
  readonly issues: readonly BotIssue[];
}

export async function reconcileIssue(context: IssueContext, plan: DriftPlan): Promise<ProposalResult> {
  const { github, repo, cluster } = context;
  const mine = context.issues.filter((issue) => issue.drift?.cluster === cluster.name);
  const open = mine.find((issue) => issue.open);
  const marker = { cluster: cluster.name, fingerprint: plan.fingerprint, items: plan.items };

  if (plan.driftedResources === 0) {
    if (!open) return { action: "none" };
    await commentOnce(
      github,
      repo,
      open.number,
      `close:${plan.fingerprint}`,
      `Cluster \`${cluster.name}\` matches Git again. Closing this issue.`,
    );
    await editIssue(github, repo, open.number, { close: true, body: markResolved(open.body) });
    return { action: "closed", link: { kind: "issue", number: open.number, url: open.url } };
  }
  if (open) {
    const link = { kind: "issue" as const, number: open.number, url: open.url };
    if (open.drift?.fingerprint === plan.fingerprint) return { action: "unchanged", link };
    await editIssue(github, repo, open.number, { body: issueBody(plan, context.body, marker) });
    return { action: "updated", link };
  }
  const declined = mine.find((issue) => issue.drift?.fingerprint === plan.fingerprint && !isResolved(issue.body));
  if (declined) {
    return {
      action: "suppressed",
      link: { kind: "issue", number: declined.number, url: declined.url },
      note: `#${declined.number} was closed; this drift is not reported again until it changes`,
    };
  }
  const issue = await openIssue(
    github,
    repo,
    { title: issueTitle(cluster.name), body: issueBody(plan, context.body, marker), labels: context.config.drift.pr.labels },
    (candidate) => candidate.drift?.cluster === cluster.name,
    context.login,
  );
  return { action: "created", link: { kind: "issue", number: issue.number, url: issue.url } };
}
