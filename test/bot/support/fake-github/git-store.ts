import { createHash } from "node:crypto";

/**
 * The Git objects of one fake repository. Trees are kept flat (full path → blob), which is all the
 * bot can see through `recursive` listings and `base_tree` writes; blob SHAs are real Git SHAs.
 */

export interface TreeEntry {
  readonly mode: string;
  readonly sha: string;
}

export interface Person {
  readonly name: string;
  readonly email: string;
  /** the GitHub account the email belongs to, null when none */
  readonly login: string | null;
}

export interface CommitObject {
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly author: Person;
  readonly date: string;
}

let counter = 0;

export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, ReadonlyMap<string, TreeEntry>>();
  readonly commits = new Map<string, CommitObject>();
  /** `heads/main` → commit sha */
  readonly refs = new Map<string, string>();

  putBlob(content: Buffer): string {
    const sha = createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(entries: ReadonlyMap<string, TreeEntry>): string {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
    const sha = createHash("sha1")
      .update(`tree ${JSON.stringify(sorted)}`)
      .digest("hex");
    this.trees.set(sha, new Map(sorted));
    return sha;
  }

  putCommit(commit: Omit<CommitObject, "sha" | "date">): string {
    const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    counter++;
    const sha = createHash("sha1")
      .update(`commit ${JSON.stringify(commit)} ${date} ${counter}`)
      .digest("hex");
    this.commits.set(sha, { ...commit, sha, date });
    return sha;
  }

  /** A commit on `branch` (created from `from` when missing) that writes (or, with null, deletes) files. */
  commitFiles(
    branch: string,
    files: Readonly<Record<string, string | null>>,
    author: Person,
    message = "Update files",
    from?: string,
  ): string {
    const parent = this.refs.get(`heads/${branch}`) ?? (from ? this.refs.get(`heads/${from}`) : undefined);
    const base = parent ? this.treeOf(parent) : new Map<string, TreeEntry>();
    const entries = new Map(base);
    for (const [path, text] of Object.entries(files)) {
      if (text === null) entries.delete(path);
      else entries.set(path, { mode: "100644", sha: this.putBlob(Buffer.from(text, "utf8")) });
    }
    const sha = this.putCommit({ tree: this.putTree(entries), parents: parent ? [parent] : [], message, author });
    this.refs.set(`heads/${branch}`, sha);
    return sha;
  }

  treeOf(commitSha: string): ReadonlyMap<string, TreeEntry> {
    const commit = this.commits.get(commitSha);
    return (commit && this.trees.get(commit.tree)) ?? new Map();
  }

  readFile(ref: string, path: string): string | undefined {
    const sha = this.refs.get(`heads/${ref}`) ?? ref;
    const entry = this.treeOf(sha).get(path);
    return entry ? this.blobs.get(entry.sha)?.toString("utf8") : undefined;
  }

  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      stack.push(...(this.commits.get(current)?.parents ?? []));
    }
    return seen;
  }

  /** Commits reachable from `head` but not from `base`, oldest first (as compare lists them). */
  between(base: string, head: string): CommitObject[] {
    const excluded = this.ancestors(base);
    return [...this.ancestors(head)]
      .filter((sha) => !excluded.has(sha))
      .map((sha) => this.commits.get(sha) as CommitObject)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}
