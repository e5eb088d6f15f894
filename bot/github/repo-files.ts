/**
 * The manifests a cluster's Git paths hold, read at one commit through the adapter's tree reader
 * (src/github/tree.ts: links, submodules and files over the loader's size limit are never read).
 */

import { TreeTooLargeError } from "../../src/forge/platform.js";
import { readManifestTree } from "../../src/github/tree.js";
import type { GitHub, RepoRef } from "./octokit.js";

export { isUnderPath } from "../../src/github/tree.js";

export interface RepoFile {
  /** relative to the repository root, `/`-separated */
  readonly path: string;
  /** `100644` or `100755`: kept when the file is rewritten */
  readonly mode: string;
  readonly text: string;
}

export interface TreeSnapshot {
  readonly commitSha: string;
  /** the root tree of the commit: the base of a new tree */
  readonly treeSha: string;
  readonly files: RepoFile[];
}

export class RepositoryReadError extends Error {
  override name = "RepositoryReadError";
}

/** The commit a branch points at. */
export async function branchHead(github: GitHub, repo: RepoRef, branch: string): Promise<string> {
  const { data } = await github.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
  return data.object.sha;
}

export async function readManifests(
  github: GitHub,
  repo: RepoRef,
  commitSha: string,
  paths: readonly string[],
): Promise<TreeSnapshot> {
  try {
    const { listing, files } = await readManifestTree(github, repo, commitSha, paths);
    const read = files.map(({ entry, content }) => ({ path: entry.path, mode: entry.mode, text: content.toString("utf8") }));
    read.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { commitSha, treeSha: listing.treeSha, files: read };
  } catch (error) {
    if (!(error instanceof TreeTooLargeError)) throw error;
    throw new RepositoryReadError(`${error.message}: narrow drift.clusters[].paths`);
  }
}
