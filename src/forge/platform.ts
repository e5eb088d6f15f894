/**
 * What a door needs from the forge that hosts the repository (GitHub today; GitLab, Gitea or
 * Bitbucket later), in the forge's neutral words: a check on a commit, a status, a comment kept in
 * one place, a comment posted once, a tree of files at a commit. Modelled on renovate's `Platform`:
 * a door is written against this interface, and a new forge is one adapter (src/github/ is the
 * GitHub one). Types only: nothing here talks to a network.
 */

/** One repository on the forge: `owner` is the user, organisation or (GitLab) group path. */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** A finding pinned to lines of a file, as a check shows it beside the diff. */
export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: "notice" | "warning" | "failure";
  readonly title: string;
  readonly message: string;
  readonly raw_details?: string;
}

/** A completed check on one commit (GitHub: a check run; GitLab: a commit status with a report). */
export interface CheckReport {
  readonly name: string;
  readonly headSha: string;
  readonly conclusion: "success" | "failure" | "neutral";
  readonly title: string;
  readonly summary: string;
  readonly annotations?: readonly CheckAnnotation[];
  readonly detailsUrl?: string | undefined;
  /**
   * What the result is about (a drift fingerprint, an error code). With it, the check of that name
   * on the commit is kept up to date in place, and an equal result sends nothing; without it, each
   * report is a new check.
   */
  readonly externalId?: string;
}

export type CheckResult = "created" | "updated" | "unchanged";

/** A commit status for branch protection: one short line under a context. */
export interface CommitStatus {
  readonly context: string;
  readonly state: "success" | "failure";
  readonly description: string;
  readonly targetUrl: string | undefined;
}

/** A comment as listed on an issue, pull request or merge request. */
export interface ForgeComment {
  readonly id: number;
  readonly body?: string | undefined;
  /** ISO 8601 */
  readonly createdAt?: string;
  readonly author?: CommentAuthor | null;
}

/** The account a comment or commit was written by. */
export interface CommentAuthor {
  readonly login?: string | undefined;
  readonly type?: string | undefined;
}

/** Which earlier comment is ours: hidden markers are public text, so authorship belongs in the test too. */
export type CommentMatcher = (comment: ForgeComment) => boolean;

/** A file of a commit's tree, listed but not yet read. */
export interface TreeEntry {
  /** relative to the repository root, `/`-separated, never absolute and never climbing out */
  readonly path: string;
  /** `100644` or `100755`: kept when the file is rewritten */
  readonly mode: string;
  /** the blob's id, for reading it */
  readonly sha: string;
  readonly size: number;
}

/** A commit's tree: regular files only (no links, no submodules), each at most the one size limit. */
export interface TreeListing {
  readonly commitSha: string;
  /** the root tree's id: the base of a new tree */
  readonly treeSha: string;
  readonly entries: readonly TreeEntry[];
  /** regular files left out for their size */
  readonly oversize: readonly string[];
}

/** One repository on one forge, as both doors use it. */
export interface Platform {
  readonly repository: RepoRef;
  /** The account the adapter acts as; undefined when the forge cannot say (then no comment is trusted as ours). */
  actingLogin(): Promise<string | undefined>;
  publishCheck(report: CheckReport): Promise<CheckResult>;
  setCommitStatus(sha: string, status: CommitStatus): Promise<void>;
  /**
   * The one comment `isOurs` finds on the thread edited to `body`, or (with `create`) posted: a
   * summary that stays in one place however often the door runs.
   */
  upsertComment(
    thread: number,
    body: string,
    options: { readonly isOurs: CommentMatcher; readonly create: boolean },
  ): Promise<"created" | "updated" | "not needed">;
  /**
   * `body` posted unless `isPosted` finds it on the thread already (with `withinMs`: among comments
   * that young); a doubtful create looks again before it tries again.
   */
  commentOnce(
    thread: number,
    body: string,
    options: { readonly isPosted: CommentMatcher; readonly withinMs?: number },
  ): Promise<"posted" | "exists">;
  /** The commit's tree, regular files only. Throws TreeTooLargeError when the forge cannot list it whole. */
  listTree(commitSha: string): Promise<TreeListing>;
  /** The entries' contents, in the entries' order. */
  readFiles(entries: readonly TreeEntry[]): Promise<Buffer[]>;
}

/** The forge could not list a tree in one piece (GitHub truncates large ones): a door says what to narrow. */
export class TreeTooLargeError extends Error {
  override name = "TreeTooLargeError";
}
