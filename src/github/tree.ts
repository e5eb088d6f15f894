/**
 * The one reader of a commit's files through the API (when there is no checkout: the bot always,
 * the Action for a base commit its checkout lacks). One recursive tree request, then one blob
 * request per wanted file. A tree is whatever a pull request or a repository's owner put there:
 * symbolic links (which could name any file on the machine that writes them out), submodules,
 * paths that climb out and huge files are never read.
 */

import path from "node:path";
import { type RepoRef, type TreeEntry, type TreeListing, TreeTooLargeError } from "../forge/platform.js";
import { hasManifestExtension, KUSTOMIZATION_FILES } from "../manifests/detect.js";
import { DEFAULT_MAX_FILE_SIZE } from "../manifests/load.js";
import type { GitHubClient } from "./client.js";

/** The loader's own limit: a file it would skip as too large is not worth downloading. */
export const MAX_FILE_BYTES = DEFAULT_MAX_FILE_SIZE;
/** Past this many files the API is the wrong tool: a checkout is. */
export const MAX_FILES = 1000;
const PARALLEL_READS = 8;

/** A tree entry as `git.getTree` lists it. */
interface ListedEntry {
  readonly path?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly sha?: string;
  readonly size?: number;
}

/** The commit's regular files. Throws TreeTooLargeError when GitHub truncated the listing. */
export async function listTree(client: GitHubClient, repo: RepoRef, commitSha: string): Promise<TreeListing> {
  const { data } = await client.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: "1" });
  if (data.truncated) throw new TreeTooLargeError(`the tree of ${commitSha.slice(0, 7)} is too large for one listing`);
  const files = regularFiles(data.tree);
  return {
    commitSha,
    treeSha: data.sha,
    entries: files.filter((entry) => entry.size <= MAX_FILE_BYTES),
    oversize: files.filter((entry) => entry.size > MAX_FILE_BYTES).map((entry) => entry.path),
  };
}

/** Blobs and executables at safe relative paths; never links (120000) or submodules (160000). */
function regularFiles(listed: readonly ListedEntry[]): TreeEntry[] {
  return listed.flatMap((entry) =>
    entry.type === "blob" &&
    (entry.mode === "100644" || entry.mode === "100755") &&
    typeof entry.path === "string" &&
    typeof entry.sha === "string" &&
    isSafeRelative(entry.path)
      ? [{ path: entry.path, mode: entry.mode, sha: entry.sha, size: entry.size ?? 0 }]
      : [],
  );
}

/** The entries' contents, in their order, a few requests at a time. */
export async function readBlobs(client: GitHubClient, repo: RepoRef, entries: readonly TreeEntry[]): Promise<Buffer[]> {
  const contents: Buffer[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < entries.length; index = next++) {
      const { data } = await client.rest.git.getBlob({ ...repo, file_sha: (entries[index] as TreeEntry).sha });
      contents[index] = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, entries.length) }, worker));
  return contents;
}

/** What the loader could read under `paths`, listed and downloaded; TreeTooLargeError past MAX_FILES. */
export async function readManifestTree(
  client: GitHubClient,
  repo: RepoRef,
  commitSha: string,
  paths: readonly string[],
): Promise<{ listing: TreeListing; files: { entry: TreeEntry; content: Buffer }[] }> {
  const listing = await listTree(client, repo, commitSha);
  const wanted = manifestEntries(listing.entries, paths);
  if (wanted.length > MAX_FILES) {
    throw new TreeTooLargeError(`${wanted.length} files to read under the paths, more than ${MAX_FILES}`);
  }
  const contents = await readBlobs(client, repo, wanted);
  return { listing, files: wanted.map((entry, index) => ({ entry, content: contents[index] as Buffer })) };
}

/**
 * Files under `paths` (globs take everything) that the loader could read: manifest extensions, every
 * file of a Kustomize directory (its generators read other files too), and every file of a Helm chart
 * the paths reach into (`_helpers.tpl`, `NOTES.txt`, vendored subcharts: helm needs the whole chart).
 */
export function manifestEntries<T extends { readonly path: string }>(entries: readonly T[], paths: readonly string[]): T[] {
  const dirsHolding = (names: readonly string[]) =>
    new Set(
      entries.filter((entry) => names.includes(path.posix.basename(entry.path))).map((entry) => path.posix.dirname(entry.path)),
    );
  const kustomizeDirs = dirsHolding(KUSTOMIZATION_FILES);
  const underPaths = (file: string) => paths.some((given) => /[*?[{]/.test(given) || isUnderPath(file, given));
  const wanted = entries.filter(
    (entry) => underPaths(entry.path) && (hasManifestExtension(entry.path) || kustomizeDirs.has(path.posix.dirname(entry.path))),
  );
  const charts = [...dirsHolding(["Chart.yaml"])].filter((chart) => wanted.some((entry) => isUnderPath(entry.path, chart)));
  if (charts.length === 0) return wanted;
  const chosen = new Set(wanted);
  return entries.filter((entry) => chosen.has(entry) || charts.some((chart) => isUnderPath(entry.path, chart)));
}

/** `clusters/prod` holds `clusters/prod/web.yaml`; a path may also name one file; `.` holds everything. */
export function isUnderPath(file: string, prefix: string): boolean {
  const clean = path.posix
    .normalize(prefix.replaceAll("\\", "/"))
    .replace(/^(\.\/|\/)+/, "")
    .replace(/\/+$/, "");
  return clean === "" || clean === "." || file === clean || file.startsWith(`${clean}/`);
}

/**
 * The Action's old name for listing and choosing in one step, over a raw `git.getTree` listing:
 * regular files within the size limit, then manifestEntries.
 */
export function treeFilter(listed: readonly ListedEntry[], paths: readonly string[]): TreeEntry[] {
  return manifestEntries(
    regularFiles(listed).filter((entry) => entry.size <= MAX_FILE_BYTES),
    paths,
  );
}

function isSafeRelative(file: string): boolean {
  return !file.startsWith("/") && !file.split("/").some((segment) => segment === ".." || segment === "" || segment === ".");
}
