/**
 * A drift pull request closed without merging by a person: say once that this exact drift will not
 * be proposed again (the PR's marker is what the next run reads to keep that promise).
 */

import { commentOnce } from "../github/comments.js";
import { githubMessage } from "../github/octokit.js";
import { readDriftMarker } from "../proposal/marker.js";
import type { HandlerDeps } from "./types.js";

export interface PullRequestEvent {
  readonly action: string;
  readonly pull_request: {
    readonly number: number;
    readonly merged?: boolean | null;
    readonly body?: string | null;
    readonly head: { readonly ref: string };
  };
  readonly repository: { readonly name: string; readonly owner: { readonly login: string } };
  readonly sender: { readonly login: string; readonly type?: string };
  readonly installation?: { readonly id: number } | null;
}

export function onPullRequest(event: PullRequestEvent, deps: HandlerDeps): void {
  const pull = event.pull_request;
  if (event.action !== "closed" || pull.merged || !event.installation || event.sender.type === "Bot") return;
  if (!pull.head.ref.startsWith("plumbline/drift/")) return;
  const marker = readDriftMarker(pull.body);
  if (!marker) return;
  const installationId = event.installation.id;
  const repo = { owner: event.repository.owner.login, repo: event.repository.name };
  deps.tasks.start(
    (async () => {
      const github = await deps.installationOctokit(installationId);
      const text = `Understood: Plumbline will not propose this drift of cluster \`${marker.cluster}\` again. If the cluster drifts differently, it opens a new pull request. Revert the cluster to make it match Git.`;
      await commentOnce(github, repo, pull.number, `declined:${marker.fingerprint}`, text);
    })().catch((error: unknown) =>
      deps.log.warn({ pull: pull.number }, `cannot acknowledge the closed pull request: ${githubMessage(error)}`),
    ),
  );
}
