import { setCommitStatus } from "../src/github/commit-status.js";
import type { Repository } from "./environment.js";
import type { GitHubClient } from "./octokit.js";

export { capCharacters as clip } from "../src/github/limits.js";

export interface CommitStatus {
  readonly state: "success" | "failure";
  readonly description: string;
  readonly targetUrl: string | undefined;
}

/** A status under the context "Plumbline" on the head sha, for branch protection rules. */
export async function publishStatus(
  client: GitHubClient,
  repository: Repository,
  sha: string,
  status: CommitStatus,
): Promise<void> {
  await setCommitStatus(client, repository, sha, { context: "Plumbline", ...status });
}
