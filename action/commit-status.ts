import type { Repository } from "./environment.js";
import type { GitHubClient } from "./octokit.js";

/** GitHub rejects a status description longer than this. */
export const STATUS_DESCRIPTION_LIMIT = 140;

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
  await client.rest.repos.createCommitStatus({
    ...repository,
    sha,
    state: status.state,
    context: "Plumbline",
    description: clip(status.description, STATUS_DESCRIPTION_LIMIT),
    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
  });
}

/**
 * At most `limit` UTF-16 units (the stricter way to count), cut between code points so no
 * surrogate pair is split, ending with an ellipsis when cut.
 */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let kept = "";
  for (const point of text) {
    if (kept.length + point.length > limit - 1) break;
    kept += point;
  }
  return `${kept}…`;
}
