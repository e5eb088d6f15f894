import type { CommitStatus, RepoRef } from "../forge/platform.js";
import type { GitHubClient } from "./client.js";
import { capCharacters, STATUS_DESCRIPTION_CHARACTERS } from "./limits.js";

/** A commit status on `sha`, for branch protection rules; the description cut to GitHub's 140 characters. */
export async function setCommitStatus(client: GitHubClient, repo: RepoRef, sha: string, status: CommitStatus): Promise<void> {
  await client.rest.repos.createCommitStatus({
    ...repo,
    sha,
    state: status.state,
    context: status.context,
    description: capCharacters(status.description, STATUS_DESCRIPTION_CHARACTERS),
    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
  });
}
