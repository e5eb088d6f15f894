import { writeFileAtomic } from "../edit/write-file.js";

/** The report could not be written where `--output` asked: exit 2 with one line, nothing left behind. */
export class OutputError extends Error {
  override name = "OutputError";
}

/**
 * Writes the whole report or nothing (see writeFileAtomic): a reader such as the SARIF upload never
 * sees half a report, and a failed run leaves the old file intact. Never through a symbolic link: in
 * a checked-out pull request one could aim the report at any file the user can write, so a link at
 * the path is refused (the user named the path and can remove the link). Errors become one line.
 */
export async function writeReport(target: string, content: string, display = target): Promise<void> {
  try {
    await writeFileAtomic(target, content);
  } catch (error) {
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
