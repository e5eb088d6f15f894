import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";

/** The report could not be written where `--output` asked: exit 2 with one line, nothing left behind. */
export class OutputError extends Error {
  override name = "OutputError";
}

/**
 * Writes the whole report or nothing: a temporary file in the target's directory (so the rename
 * stays on one file system and is atomic), flushed, then renamed over the target. A reader (the
 * SARIF upload, a CI step) never sees half a report, and a failed run leaves the old file intact.
 */
export async function writeFileAtomic(target: string, content: string, display = target): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new OutputError(`${display}: cannot write the report (${writeProblem(error as NodeJS.ErrnoException)})`);
  }
}

function writeProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "the directory does not exist";
    case "EISDIR":
    case "ENOTEMPTY":
    case "EEXIST":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "permission denied";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return error.code ?? error.message;
  }
}
