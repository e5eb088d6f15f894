import * as core from "@actions/core";
import { type ChangedFile, parseGitDiff, parseHunks } from "../src/review/index.js";
import type { Repository } from "./environment.js";
import { git, hasCommit } from "./git.js";
import type { GitHubClient } from "./octokit.js";

/** `pulls.listFiles` returns at most this many files, whatever the pull request holds. */
export const LIST_FILES_LIMIT = 3000;

export interface ChangedFilesSource {
  readonly client: GitHubClient;
  readonly repository: Repository;
  readonly number: number;
  /** `pull_request.changed_files` from the event */
  readonly expected: number | undefined;
  readonly workspace: string;
  readonly baseSha: string;
  readonly headSha: string;
}

export type { ChangedFile } from "../src/review/index.js";

/**
 * Every changed file: paginated `pulls.listFiles`, and local `git diff` when the pull request is
 * bigger than what that endpoint returns (and the checkout has both commits).
 */
export async function listChangedFiles(source: ChangedFilesSource): Promise<ChangedFile[]> {
  const listed = await source.client.paginate(source.client.rest.pulls.listFiles, {
    ...source.repository,
    pull_number: source.number,
    per_page: 100,
  });
  const files = listed.map(
    (entry): ChangedFile => ({
      path: entry.filename,
      status: entry.status,
      ...(entry.previous_filename ? { previousPath: entry.previous_filename } : {}),
      hunks: parseHunks(entry.patch),
    }),
  );
  const capped = files.length >= LIST_FILES_LIMIT || (source.expected !== undefined && source.expected > files.length);
  if (!capped) return files;
  const local = await diffLocally(source);
  if (local) return local;
  core.warning(
    `The pull request changes more than ${LIST_FILES_LIMIT} files and the checkout lacks its history: ` +
      `only the first ${files.length} are reviewed inline (check out with fetch-depth: 0 for all)`,
  );
  return files;
}

async function diffLocally(source: ChangedFilesSource): Promise<ChangedFile[] | undefined> {
  const cwd = source.workspace;
  if (!(await hasCommit(source.baseSha, cwd)) || !(await hasCommit(source.headSha, cwd))) return undefined;
  // GitHub shows a pull request against the merge base; a shallow checkout may not have it
  const mergeBase = (await git(["merge-base", source.baseSha, source.headSha], { cwd }).catch(() => "")).trim();
  const diff = await git(
    ["diff", "--no-color", "--no-ext-diff", "--find-renames", "--unified=3", mergeBase || source.baseSha, source.headSha],
    { cwd },
  );
  core.info(`The pull request changes more than ${LIST_FILES_LIMIT} files: read its diff with local git`);
  return parseGitDiff(diff);
}
