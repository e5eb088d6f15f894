import * as core from "@actions/core";
import { type Hunk, parseHunks } from "./diff-hunks.js";
import type { Repository } from "./environment.js";
import { git, hasCommit } from "./git.js";
import type { GitHubClient } from "./octokit.js";

/** A file the pull request touches, with the lines a review comment may land on. */
export interface ChangedFile {
  readonly path: string;
  readonly status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  readonly previousPath?: string;
  /** empty when GitHub sends no patch (binary or too large): nothing can be commented inline */
  readonly hunks: readonly Hunk[];
}

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

const STATUS_LINES: readonly [RegExp, ChangedFile["status"]][] = [
  [/^new file mode /, "added"],
  [/^deleted file mode /, "removed"],
  [/^rename from /, "renamed"],
  [/^copy from /, "copied"],
];

/** Splits `git diff` output into files: path from the `+++`/`---`/rename lines, hunks from the rest. */
export function parseGitDiff(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const section of diff.split(/^diff --git /m).slice(1)) {
    const lines = section.split("\n");
    const firstHunk = lines.findIndex((line) => line.startsWith("@@"));
    const header = firstHunk === -1 ? lines : lines.slice(0, firstHunk);
    let status: ChangedFile["status"] = "modified";
    for (const [pattern, value] of STATUS_LINES) if (header.some((line) => pattern.test(line))) status = value;
    const newPath = fileName(header, "+++ ", "rename to ") ?? fileName(header, "copy to ");
    const oldPath = fileName(header, "--- ", "rename from ") ?? fileName(header, "copy from ");
    const filePath = newPath ?? oldPath ?? pathFromDiffLine(lines[0] ?? "");
    if (!filePath) continue;
    files.push({
      path: filePath,
      status,
      ...((status === "renamed" || status === "copied") && oldPath ? { previousPath: oldPath } : {}),
      hunks: firstHunk === -1 ? [] : parseHunks(lines.slice(firstHunk).join("\n")),
    });
  }
  return files;
}

function fileName(header: readonly string[], ...prefixes: string[]): string | undefined {
  for (const prefix of prefixes) {
    const line = header.find((candidate) => candidate.startsWith(prefix));
    if (!line) continue;
    const name = unquote(line.slice(prefix.length).replace(/\t$/, ""));
    if (name === "/dev/null") continue;
    // `+++ b/path` and `--- a/path` carry git's side prefix; rename lines do not
    return prefix.length === 4 ? name.replace(/^[ab]\//, "") : name;
  }
  return undefined;
}

/** `a/x b/x` on the `diff --git` line: only needed for mode-only changes without ---/+++ lines. */
function pathFromDiffLine(line: string): string | undefined {
  const match = /^a\/(.+) b\/\1$/.exec(line.trim());
  return match?.[1];
}

/** Git C-quotes names with control characters or quotes even with core.quotePath=false. */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  try {
    const bytes: number[] = [];
    const body = name.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const char = body[i] as string;
      if (char !== "\\") {
        bytes.push(...Buffer.from(char, "utf8"));
        continue;
      }
      const next = body[++i] as string;
      if (/[0-7]/.test(next)) {
        bytes.push(Number.parseInt(body.slice(i, i + 3), 8));
        i += 2;
      } else
        bytes.push(({ n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? 0);
    }
    return Buffer.from(bytes).toString("utf8");
  } catch {
    return name;
  }
}
