import { GitStore, type Person } from "./git-store.js";

/** The state of one fake repository: Git, and the conversation around it. */

export interface FakeUser {
  readonly login: string;
  readonly id: number;
  readonly type: "User" | "Bot";
}

export interface FakePull {
  readonly number: number;
  state: "open" | "closed";
  merged_at: string | null;
  readonly head: string;
  readonly base: string;
  title: string;
  body: string;
  readonly draft: boolean;
  readonly user: FakeUser;
  labels: string[];
  reviewers: string[];
  teams: string[];
}

export interface FakeIssue {
  readonly number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  readonly user: FakeUser;
}

export interface FakeComment {
  readonly id: number;
  readonly issue_number: number;
  body: string;
  readonly user: FakeUser;
  readonly created_at: string;
}

export interface FakeCheckRun {
  readonly id: number;
  readonly name: string;
  readonly head_sha: string;
  conclusion: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null };
}

export class FakeRepo {
  readonly git = new GitStore();
  readonly pulls: FakePull[] = [];
  readonly issues: FakeIssue[] = [];
  readonly comments: FakeComment[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  /** login → admin | write | read | none */
  readonly permissions = new Map<string, string>();
  private nextNumber = 1;

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly id: number,
    readonly defaultBranch = "main",
  ) {}

  number(): number {
    return this.nextNumber++;
  }

  /** A person's (or the setup's) commit on a branch. */
  commit(branch: string, files: Readonly<Record<string, string | null>>, who: Person = PERSON, message?: string): string {
    return this.git.commitFiles(branch, files, who, message, this.defaultBranch);
  }

  file(path: string, ref = this.defaultBranch): string | undefined {
    return this.git.readFile(ref, path);
  }

  openPulls(): FakePull[] {
    return this.pulls.filter((pull) => pull.state === "open");
  }

  /** Merge the pull request into the default branch (a merge commit), as the button does. */
  merge(number: number, who: Person = PERSON): void {
    const pull = this.pulls.find((candidate) => candidate.number === number);
    const head = pull && this.git.refs.get(`heads/${pull.head}`);
    const base = this.git.refs.get(`heads/${this.defaultBranch}`);
    if (!pull || !head || !base) throw new Error(`cannot merge #${number}`);
    const tree = this.git.commits.get(head)?.tree as string;
    const sha = this.git.putCommit({ tree, parents: [base, head], message: `Merge pull request #${number}`, author: who });
    this.git.refs.set(`heads/${this.defaultBranch}`, sha);
    pull.state = "closed";
    pull.merged_at = new Date().toISOString();
  }

  /** A person closes the pull request without merging it. */
  close(number: number): void {
    const pull = this.pulls.find((candidate) => candidate.number === number);
    if (!pull) throw new Error(`no #${number}`);
    pull.state = "closed";
  }
}

export const PERSON: Person = { name: "Mona Lisa", email: "mona@example.com", login: "mona" };
