import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { hasManifestExtension, KUSTOMIZATION_FILES } from "../src/manifests/detect.js";
import type { Repository } from "./environment.js";
import { git, gitSucceeds, hasCommit, headCommit } from "./git.js";
import type { GitHubClient } from "./octokit.js";

/** A commit's files on disk, wherever they came from. */
export interface Tree {
  readonly dir: string;
  readonly origin: "workspace" | "git" | "api";
  readonly dispose: () => Promise<void>;
}

export interface TreeSource {
  readonly workspace: string;
  readonly tempDir: string | undefined;
  readonly client: GitHubClient;
  readonly repository: Repository;
  /** the `paths` input: through the API only the files under them are downloaded */
  readonly paths: readonly string[];
}

/** Files larger than this are not downloaded through the API (the loader would skip them anyway). */
const MAX_API_FILE = 10 * 1024 * 1024;
/** Past this many files the API is the wrong tool: a fuller checkout is. */
const MAX_API_FILES = 1000;
const API_CONCURRENCY = 8;

/**
 * The files of `sha`, cheapest first: the workspace when it is that commit; a throw-away checkout
 * when git has the commit (fetching it first in a shallow clone); else the Git Data API. Undefined
 * when none of these can produce it — the caller says what that means for the report.
 */
export async function openTree(sha: string, source: TreeSource): Promise<Tree | undefined> {
  if ((await headCommit(source.workspace)) === sha) {
    return { dir: source.workspace, origin: "workspace", dispose: async () => {} };
  }
  if ((await hasCommit(sha, source.workspace)) || (await fetchCommit(sha, source.workspace))) {
    return checkoutInto(sha, source);
  }
  return downloadTree(sha, source);
}

async function makeTempDir(source: TreeSource, label: string): Promise<string> {
  return mkdtemp(path.join(source.tempDir ?? os.tmpdir(), `plumbline-${label}-`));
}

/** `git fetch` by sha, as actions/checkout itself does; only when the checkout has an `origin`. */
async function fetchCommit(sha: string, workspace: string): Promise<boolean> {
  if (!(await gitSucceeds(["remote", "get-url", "origin"], { cwd: workspace }))) return false;
  const shallow = (await git(["rev-parse", "--is-shallow-repository"], { cwd: workspace }).catch(() => "")).trim() === "true";
  core.info(`Fetching ${sha.slice(0, 7)} from origin (the checkout does not have it)`);
  const fetched = await gitSucceeds(
    ["fetch", "--no-tags", "--no-recurse-submodules", "--quiet", ...(shallow ? ["--depth=1"] : []), "origin", sha],
    { cwd: workspace },
  );
  return fetched && (await hasCommit(sha, workspace));
}

/**
 * Writes the commit's files into a temporary directory through a temporary index: the user's
 * working tree, index and HEAD stay exactly as they were, and no tar or worktree is involved.
 */
async function checkoutInto(sha: string, source: TreeSource): Promise<Tree> {
  const scratch = await makeTempDir(source, sha.slice(0, 7));
  const dir = path.join(scratch, "tree");
  await mkdir(dir);
  const env = { GIT_INDEX_FILE: path.join(scratch, "index") };
  await git(["read-tree", sha], { cwd: source.workspace, env });
  await git(["checkout-index", "--all", "--force", `--prefix=${dir}${path.sep}`], { cwd: source.workspace, env });
  return { dir, origin: "git", dispose: () => rm(scratch, { recursive: true, force: true }) };
}

interface TreeEntry {
  readonly path?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly sha?: string;
  readonly size?: number;
}

/** One recursive tree request, then one blob request per manifest file under `paths`. */
async function downloadTree(sha: string, source: TreeSource): Promise<Tree | undefined> {
  const { client, repository } = source;
  core.info(`Reading ${sha.slice(0, 7)} through the GitHub API (the checkout does not have it)`);
  const { data } = await client.rest.git.getTree({ ...repository, tree_sha: sha, recursive: "1" });
  if (data.truncated) {
    core.warning(`The tree of ${sha.slice(0, 7)} is too large for the API; check out with fetch-depth: 0 instead`);
    return undefined;
  }
  const wanted = treeFilter(data.tree, source.paths);
  if (wanted.length > MAX_API_FILES) {
    core.warning(`${wanted.length} files to download for ${sha.slice(0, 7)}; check out with fetch-depth: 0 instead`);
    return undefined;
  }
  const scratch = await makeTempDir(source, sha.slice(0, 7));
  const dir = path.join(scratch, "tree");
  try {
    for (let start = 0; start < wanted.length; start += API_CONCURRENCY) {
      await Promise.all(
        wanted.slice(start, start + API_CONCURRENCY).map(async (entry) => {
          const blob = await client.rest.git.getBlob({ ...repository, file_sha: entry.sha });
          const target = path.join(dir, ...entry.path.split("/"));
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8"));
        }),
      );
    }
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  await mkdir(dir, { recursive: true });
  return { dir, origin: "api", dispose: () => rm(scratch, { recursive: true, force: true }) };
}

/**
 * Regular files under the given paths (globs take everything) that the loader could read: manifest
 * extensions, and every file of a Kustomize directory (generators read other files too).
 */
export function treeFilter(entries: readonly TreeEntry[], paths: readonly string[]): { path: string; sha: string }[] {
  const blobs = entries.filter(
    (entry): entry is TreeEntry & { path: string; sha: string } =>
      entry.type === "blob" &&
      entry.mode !== "120000" && // symlinks could point anywhere: never materialised
      typeof entry.path === "string" &&
      typeof entry.sha === "string" &&
      (entry.size ?? 0) <= MAX_API_FILE &&
      isSafeRelative(entry.path),
  );
  const kustomizeDirs = new Set(
    blobs.filter((entry) => KUSTOMIZATION_FILES.includes(path.posix.basename(entry.path) as never)).map((e) => dirOf(e.path)),
  );
  const prefixes = paths.map((given) => path.posix.normalize(given.replaceAll("\\", "/")).replace(/\/+$/, ""));
  const underPaths = (file: string) =>
    prefixes.some((prefix) => prefix === "." || /[*?[{]/.test(prefix) || file === prefix || file.startsWith(`${prefix}/`));
  return blobs
    .filter((entry) => underPaths(entry.path) && (hasManifestExtension(entry.path) || kustomizeDirs.has(dirOf(entry.path))))
    .map((entry) => ({ path: entry.path, sha: entry.sha }));
}

function dirOf(file: string): string {
  return path.posix.dirname(file);
}

function isSafeRelative(file: string): boolean {
  return !file.startsWith("/") && !file.split("/").some((segment) => segment === ".." || segment === "");
}
