import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PullFile, TreeEntry } from "./mock-github.js";

const run = promisify(execFile);

/** Git with a fixed identity and no user or system configuration: the same on every machine. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", ["-c", "core.quotePath=false", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_AUTHOR_DATE: "2025-01-01T00:00:00Z",
      GIT_COMMITTER_DATE: "2025-01-01T00:00:00Z",
    },
  });
  return stdout;
}

/** A real repository in a temporary directory, built commit by commit. */
export class FixtureRepo {
  private constructor(readonly dir: string) {}

  static async create(): Promise<FixtureRepo> {
    const dir = await mkdtemp(path.join(tmpdir(), "plumbline-action-repo-"));
    await git(dir, "init", "-q", "-b", "main");
    return new FixtureRepo(dir);
  }

  /** Copies a directory of this repository (e.g. examples/) into the fixture at the same path. */
  async copyFrom(source: string, target = source): Promise<void> {
    await cp(path.resolve(source), path.join(this.dir, target), { recursive: true });
  }

  /** Writes (string) or deletes (null) files, commits everything, returns the sha. */
  async commit(message: string, files: Record<string, string | null> = {}): Promise<string> {
    for (const [file, content] of Object.entries(files)) {
      const absolute = path.join(this.dir, file);
      if (content === null) {
        await rm(absolute, { force: true });
      } else {
        await mkdir(path.dirname(absolute), { recursive: true });
        await writeFile(absolute, content);
      }
    }
    await git(this.dir, "add", "-A");
    await git(this.dir, "commit", "-q", "--allow-empty", "-m", message);
    return (await git(this.dir, "rev-parse", "HEAD")).trim();
  }

  /** The merge commit GitHub checks out for a pull request (refs/pull/N/merge): base with head merged in. */
  async mergeCommit(base: string, head: string): Promise<string> {
    await git(this.dir, "checkout", "-q", "--detach", base);
    await git(this.dir, "merge", "-q", "--no-ff", "--no-edit", head);
    return (await git(this.dir, "rev-parse", "HEAD")).trim();
  }

  async checkout(sha: string): Promise<void> {
    await git(this.dir, "checkout", "-q", "--detach", sha);
  }

  async show(sha: string, file: string): Promise<string> {
    return git(this.dir, "show", `${sha}:${file}`);
  }

  /** What `pulls.listFiles` says for base...head, computed by git from the real commits (one diff for all). */
  async pullFiles(base: string, head: string): Promise<PullFile[]> {
    const numstat = (await git(this.dir, "diff", "--numstat", "-z", "--no-renames", base, head)).split("\0").filter(Boolean);
    const diff = await git(this.dir, "diff", "--no-renames", "--unified=3", base, head);
    const sections = new Map<string, string>();
    for (const section of diff.split(/^diff --git /m).slice(1)) {
      const name = /^a\/(.*) b\/\1\n/.exec(section)?.[1];
      if (name) sections.set(name, section);
    }
    const blobs = async (sha: string) =>
      new Map(
        (await git(this.dir, "ls-tree", "-r", "-z", sha))
          .split("\0")
          .filter(Boolean)
          .map((line) => [line.split("\t")[1] ?? "", line.split("\t")[0]?.split(" ")[2] ?? ""]),
      );
    const [headBlobs, baseBlobs] = await Promise.all([blobs(head), blobs(base)]);
    return numstat.map((entry): PullFile => {
      const [added = "0", deleted = "0", filename = ""] = entry.split("\t");
      const section = sections.get(filename) ?? "";
      const status = /^new file mode/m.test(section) ? "added" : /^deleted file mode/m.test(section) ? "removed" : "modified";
      const patchStart = section.indexOf("\n@@");
      return {
        filename,
        status,
        ...(patchStart === -1 ? {} : { patch: section.slice(patchStart + 1).replace(/\n$/, "") }),
        additions: Number(added),
        deletions: Number(deleted),
        changes: Number(added) + Number(deleted),
        sha: (status === "removed" ? baseBlobs : headBlobs).get(filename) ?? "",
      };
    });
  }

  /** A commit's recursive tree and blobs, as the Git Data API would serve them. */
  async treeAndBlobs(sha: string): Promise<{ tree: TreeEntry[]; blobs: Map<string, Buffer> }> {
    const lines = (await git(this.dir, "ls-tree", "-r", "-l", "-z", sha)).split("\0").filter(Boolean);
    const tree: TreeEntry[] = [];
    const blobs = new Map<string, Buffer>();
    for (const line of lines) {
      const [meta = "", file = ""] = line.split("\t");
      const [mode = "", type = "", objectSha = "", size = "0"] = meta.split(/\s+/);
      tree.push({ path: file, mode, type: type as "blob", sha: objectSha, size: Number(size) });
      blobs.set(objectSha, Buffer.from(await git(this.dir, "show", objectSha)));
    }
    return { tree, blobs };
  }

  /** A clone as actions/checkout with fetch-depth 1 leaves it: only `sha`, `origin` pointing here. */
  async shallowClone(sha: string, options: { withOrigin: boolean }): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "plumbline-action-clone-"));
    await git(dir, "init", "-q");
    await git(dir, "remote", "add", "origin", `file://${this.dir}`);
    await git(dir, "fetch", "-q", "--depth=1", "origin", sha);
    await git(dir, "checkout", "-q", "--detach", sha);
    if (!options.withOrigin) await git(dir, "remote", "remove", "origin");
    return dir;
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
