import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { chmod, lstat, open, realpath, rename, rm } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * The one way Plumbline writes a file (fixes, drift write-back, reports, the Action's SARIF).
 * The files it writes usually sit in a checkout that a pull request controls, so a planted symbolic
 * link must never redirect a write to a file elsewhere on the machine.
 */

/** What to do when the path is a symbolic link. It is never written through. */
export type LinkPolicy =
  /** fail with UnsafeWriteError: right for a repository's own files, whose links are the repository's business */
  | "refuse"
  /** put a regular file in the link's place in one step (the link's target is untouched): right for reports */
  | "replace";

export interface WriteOptions {
  /** default `refuse` */
  readonly symlink?: LinkPolicy;
  /**
   * The repository: a file named inside it must really be inside it once the links in its directory
   * are resolved. (A file named outside it is the caller's explicit choice and is not judged.)
   */
  readonly within?: string;
}

export interface WriteOutcome {
  /** a symbolic link stood where the file was written and was replaced by it (policy `replace`) */
  readonly replacedLink: boolean;
}

/** A write refused because it would have gone through a link or outside the allowed directory. */
export class UnsafeWriteError extends Error {
  override name = "UnsafeWriteError";
}

/** O_NOFOLLOW is POSIX; where it does not exist, the lstat check and O_EXCL still hold. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Replaces a file's content all at once: the text goes to a new temporary file next to it, which is
 * then renamed over the original. A reader sees the old file or the new one, never half of one, and
 * a failure leaves the original as it was. The file keeps its mode.
 *
 * Never through a link: the parent directories are resolved once (and checked against `within`);
 * the last component is looked at with lstat; the temporary file is created with O_EXCL|O_NOFOLLOW;
 * and rename replaces the directory entry itself, so even a link planted after the check is replaced,
 * not followed. A hard-linked file gets a new inode; its other names keep the old content.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): Promise<WriteOutcome> {
  const directory = await realpath(dirname(path));
  if (options.within !== undefined && isInside(resolve(options.within), resolve(dirname(path)))) {
    const root = await realpath(options.within);
    if (!isInside(root, directory)) {
      throw new UnsafeWriteError("its directory leads outside the repository (through a symbolic link): not written");
    }
  }
  const name = basename(path);
  const target = join(directory, name);
  const existing = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const isLink = existing?.isSymbolicLink() ?? false;
  if (isLink && (options.symlink ?? "refuse") === "refuse") {
    throw new UnsafeWriteError("it is a symbolic link: Plumbline never writes through one");
  }
  if (existing && !isLink && !existing.isFile()) {
    throw Object.assign(new Error("it is not a regular file"), { code: existing.isDirectory() ? "EISDIR" : "EEXIST" });
  }
  const mode = existing?.isFile() ? existing.mode & 0o7777 : undefined;
  const temporary = join(directory, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temporary, CREATE_NEW, mode ?? 0o666);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    // the umask narrows the mode given to open; the original's mode is what the file must keep
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { replacedLink: isLink };
}

function isInside(root: string, candidate: string): boolean {
  const path = relative(root, candidate);
  return path === "" || (path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}
