/**
 * The drift branch, built with the Git Data API: one commit on the default branch's head that
 * rewrites the drifted files (blobs, a tree on the head's tree, a commit), then the branch created
 * or force-moved to it. Blobs, trees and commits are harmless until a ref points at them, so a run
 * cut short leaves nothing half-made behind.
 */

import { createOnce } from "../../src/github/create-once.js";
import type { FileEdit } from "../proposal/plan.js";
import { type BotIdentity, isBotCommit } from "./identity.js";
import { type GitHub, type RepoRef, statusOf } from "./octokit.js";

/** `plumbline/drift/<cluster>`: one branch per cluster, so every run and every replica finds it. */
export function driftBranch(cluster: string): string {
  const safe = cluster
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.-]+|[.-]+$/g, "");
  return `plumbline/drift/${safe || "cluster"}`;
}

export interface BranchState {
  readonly sha: string;
  /** someone other than the bot has commits on the branch: it is theirs now */
  readonly touchedByPerson: boolean;
  /** logins (or names) of those people, for the comment that says so */
  readonly people: string[];
}

export async function readBranch(
  github: GitHub,
  repo: RepoRef,
  branch: string,
  baseSha: string,
  identity: BotIdentity,
): Promise<BranchState | undefined> {
  let sha: string;
  try {
    sha = (await github.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  // the commits on the branch that the default branch does not have
  const { data } = await github.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${baseSha}...${sha}`,
    per_page: 100,
  });
  const foreign = data.commits.filter((commit) => !isBotCommit(commit, identity));
  const people = [...new Set(foreign.map((commit) => commit.author?.login ?? commit.commit.author?.name ?? "someone"))];
  return { sha, touchedByPerson: foreign.length > 0, people };
}

export async function commitEdits(
  github: GitHub,
  repo: RepoRef,
  change: { parentSha: string; baseTreeSha: string; edits: readonly FileEdit[]; message: string },
): Promise<string> {
  const tree = [];
  for (const edit of change.edits) {
    const { data: blob } = await github.rest.git.createBlob({ ...repo, content: edit.text, encoding: "utf-8" });
    tree.push({ path: edit.path, mode: edit.mode as "100644" | "100755", type: "blob" as const, sha: blob.sha });
  }
  const { data: newTree } = await github.rest.git.createTree({ ...repo, base_tree: change.baseTreeSha, tree });
  const { data: commit } = await github.rest.git.createCommit({
    ...repo,
    message: change.message,
    tree: newTree.sha,
    parents: [change.parentSha],
  });
  return commit.sha;
}

/** Creates the branch at `sha`, or moves it there (force) when it exists. */
export async function pointBranch(github: GitHub, repo: RepoRef, branch: string, sha: string, exists: boolean): Promise<void> {
  const move = () => github.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
  if (exists) {
    await move();
    return;
  }
  await createOnce(
    async () => {
      await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha, request: { retries: 0 } });
      return true;
    },
    // created meanwhile (another replica, or our own request that GitHub did apply): move it
    async () => {
      const exists = await github.rest.git.getRef({ ...repo, ref: `heads/${branch}` }).then(
        () => true,
        (error: unknown) => {
          if (statusOf(error) === 404) return false;
          throw error;
        },
      );
      if (!exists) return undefined;
      await move();
      return true;
    },
  );
}

export async function deleteBranch(github: GitHub, repo: RepoRef, branch: string): Promise<void> {
  try {
    await github.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
  } catch (error) {
    // already gone (deleted by hand, or by the merge button's "delete branch") is what we wanted
    if (statusOf(error) !== 404 && statusOf(error) !== 422) throw error;
  }
}
