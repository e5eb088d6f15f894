/**
 * src/forge/platform.ts's Platform on GitHub: each method one of the functions beside this file, so a
 * door may hold a Platform (and later take a GitLab one) or call the functions directly.
 */

import type {
  CheckReport,
  CheckResult,
  CommentMatcher,
  CommitStatus,
  Platform,
  RepoRef,
  TreeEntry,
  TreeListing,
} from "../forge/platform.js";
import { writeCheckRun } from "./check-run.js";
import type { GitHubClient } from "./client.js";
import { commentOnce, upsertComment } from "./comments.js";
import { setCommitStatus } from "./commit-status.js";
import { actingLogin } from "./identity.js";
import { listTree, readBlobs } from "./tree.js";

export class GitHubPlatform implements Platform {
  constructor(
    readonly client: GitHubClient,
    readonly repository: RepoRef,
    /** hears why the acting account could not be told */
    private readonly onIdentityError: (error: Error) => void = () => {},
  ) {}

  actingLogin(): Promise<string | undefined> {
    return actingLogin(this.client, this.onIdentityError);
  }

  async publishCheck(report: CheckReport): Promise<CheckResult> {
    return (await writeCheckRun(this.client, this.repository, report)).result;
  }

  setCommitStatus(sha: string, status: CommitStatus): Promise<void> {
    return setCommitStatus(this.client, this.repository, sha, status);
  }

  upsertComment(
    thread: number,
    body: string,
    options: { readonly isOurs: CommentMatcher; readonly create: boolean },
  ): Promise<"created" | "updated" | "not needed"> {
    return upsertComment(this.client, this.repository, thread, body, options);
  }

  commentOnce(
    thread: number,
    body: string,
    options: { readonly isPosted: CommentMatcher; readonly withinMs?: number },
  ): Promise<"posted" | "exists"> {
    return commentOnce(this.client, this.repository, thread, body, options);
  }

  listTree(commitSha: string): Promise<TreeListing> {
    return listTree(this.client, this.repository, commitSha);
  }

  readFiles(entries: readonly TreeEntry[]): Promise<Buffer[]> {
    return readBlobs(this.client, this.repository, entries);
  }
}
