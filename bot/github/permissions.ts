/** Whether a person may ask the bot to act: write access (write, maintain or admin) to the repository. */

import { type GitHub, type RepoRef, statusOf } from "./octokit.js";

export async function canWrite(github: GitHub, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    // `permission` folds maintain into write and triage into read
    return data.permission === "admin" || data.permission === "write";
  } catch (error) {
    // not a collaborator at all
    if (statusOf(error) === 404) return false;
    throw error;
  }
}
