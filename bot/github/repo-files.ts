/**
 * The manifests a cluster's Git paths hold, read at one commit through the Git Data API: the
 * commit's tree (recursive, one request), then one blob per manifest file under the paths.
 */

import { hasManifestExtension, KUSTOMIZATION_FILES } from "../../src/manifests/detect.js";
import type { GitHub, RepoRef } from "./octokit.js";

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

/** Files larger than this are not manifests anyone edits by hand. */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 1000;
const PARALLEL_READS = 4;

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
  const { data: tree } = await github.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: "true" });
  if (tree.truncated) {
    throw new RepositoryReadError(
      "the repository tree is too large for one listing (GitHub truncated it): narrow drift.clusters[].paths",
    );
  }
  const wanted = tree.tree.filter(
    (entry) =>
      entry.type === "blob" &&
      entry.path !== undefined &&
      entry.sha !== undefined &&
      isManifestPath(entry.path) &&
      paths.some((prefix) => isUnderPath(entry.path as string, prefix)),
  );
  if (wanted.length > MAX_FILES) {
    throw new RepositoryReadError(`${wanted.length} manifest files under the cluster's paths: more than ${MAX_FILES}`);
  }
  const files: RepoFile[] = [];
  const queue = wanted.filter((entry) => (entry.size ?? 0) <= MAX_FILE_BYTES);
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const { data: blob } = await github.rest.git.getBlob({ ...repo, file_sha: entry.sha as string });
      const text = Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8").toString("utf8");
      files.push({ path: entry.path as string, mode: entry.mode ?? "100644", text });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { commitSha, treeSha: tree.sha, files };
}

/** `clusters/prod` holds `clusters/prod/web.yaml`; a path may also name one file. */
export function isUnderPath(file: string, prefix: string): boolean {
  const clean = prefix.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  return clean === "" || clean === "." || file === clean || file.startsWith(`${clean}/`);
}

function isManifestPath(file: string): boolean {
  const name = file.slice(file.lastIndexOf("/") + 1);
  return hasManifestExtension(file) || (KUSTOMIZATION_FILES as readonly string[]).includes(name);
}
