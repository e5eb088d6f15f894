import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { TreeTooLargeError } from "../src/forge/platform.js";
import { readManifestTree } from "../src/github/tree.js";
import type { Repository } from "./environment.js";
import { git, gitSucceeds, hasCommit, headCommit } from "./git.js";
import type { GitHubClient } from "./octokit.js";

export { treeFilter } from "../src/github/tree.js";

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

/** One recursive tree request, then one blob request per file the loader could read under `paths`. */
async function downloadTree(sha: string, source: TreeSource): Promise<Tree | undefined> {
  core.info(`Reading ${sha.slice(0, 7)} through the GitHub API (the checkout does not have it)`);
  let files: Awaited<ReturnType<typeof readManifestTree>>["files"];
  try {
    ({ files } = await readManifestTree(source.client, source.repository, sha, source.paths));
  } catch (error) {
    if (!(error instanceof TreeTooLargeError)) throw error;
    core.warning(`The API cannot give ${sha.slice(0, 7)} here: ${error.message}; check out with fetch-depth: 0 instead`);
    return undefined;
  }
  const scratch = await makeTempDir(source, sha.slice(0, 7));
  const dir = path.join(scratch, "tree");
  try {
    await mkdir(dir, { recursive: true });
    for (const { entry, content } of files) {
      const target = path.join(dir, ...entry.path.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return { dir, origin: "api", dispose: () => rm(scratch, { recursive: true, force: true }) };
}
