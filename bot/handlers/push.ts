/**
 * A push to the default branch that touches a cluster's paths (or the configuration) re-checks
 * those clusters. A payload lists at most 20 commits; a longer push re-checks every cluster.
 */

import type { HandlerDeps } from "./types.js";

export interface PushEvent {
  readonly ref: string;
  readonly deleted?: boolean;
  readonly repository: {
    readonly name: string;
    readonly owner: { readonly login?: string; readonly name?: string | null } | null;
    readonly default_branch?: string;
  };
  readonly commits?: readonly { readonly added?: string[]; readonly modified?: string[]; readonly removed?: string[] }[];
  readonly installation?: { readonly id: number } | null;
}

const LISTED_COMMITS = 20;

export function onPush(event: PushEvent, deps: HandlerDeps): void {
  const branch = event.repository.default_branch;
  const owner = event.repository.owner?.login ?? event.repository.owner?.name;
  if (!branch || !owner || !event.installation || event.deleted || event.ref !== `refs/heads/${branch}`) return;
  const commits = event.commits ?? [];
  const touched =
    commits.length === 0 || commits.length >= LISTED_COMMITS
      ? undefined
      : [
          ...new Set(
            commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]),
          ),
        ];
  const target = { owner, repo: event.repository.name, defaultBranch: branch, installationId: event.installation.id };
  deps.tasks.start(deps.runner.checkRepository(target, "push", touched ? { touched } : {}));
}
