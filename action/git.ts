import { execFile } from "node:child_process";

/** Local git, for what the checkout already holds: never asked for credentials, never interactive. */
export interface GitOptions {
  readonly cwd: string;
  /** extra variables, e.g. GIT_INDEX_FILE for a throw-away index */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

const MAX_OUTPUT = 512 * 1024 * 1024;

export class GitError extends Error {
  override name = "GitError";
}

/** Runs git and returns its standard output; rejects with git's own message when it fails. */
export function git(args: readonly string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      // quotePath off: paths come back as UTF-8 text, not C-quoted octal escapes; safe.directory:
      // in container jobs the checkout belongs to another user, and git would refuse to read it
      ["-c", "core.quotePath=false", "-c", `safe.directory=${options.cwd}`, ...args],
      {
        cwd: options.cwd,
        encoding: "utf8",
        maxBuffer: MAX_OUTPUT,
        timeout: options.timeoutMs ?? 120_000,
        env: {
          ...process.env,
          ...options.env,
          GIT_TERMINAL_PROMPT: "0",
          // a base tree is only read for its YAML: never download LFS objects for it
          GIT_LFS_SKIP_SMUDGE: "1",
        },
      },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(`git ${args[0]}: ${(stderr || error.message).trim()}`));
        else resolve(stdout);
      },
    );
  });
}

/** True when git exits 0: for questions such as "is this commit here?". */
export async function gitSucceeds(args: readonly string[], options: GitOptions): Promise<boolean> {
  try {
    await git(args, options);
    return true;
  } catch {
    return false;
  }
}

export async function hasCommit(sha: string, cwd: string): Promise<boolean> {
  return gitSucceeds(["cat-file", "-e", `${sha}^{commit}`], { cwd });
}

export async function headCommit(cwd: string): Promise<string | undefined> {
  try {
    return (await git(["rev-parse", "HEAD"], { cwd })).trim();
  } catch {
    return undefined;
  }
}
