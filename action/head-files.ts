import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** The head revision's file texts, read once each: for suggestions and for placing comments. */
export interface HeadFiles {
  text(file: string): string | undefined;
  /** the number of the file's last line (a trailing line break starts no new line) */
  lastLine(file: string): number | undefined;
}

/**
 * Suggestions quote these texts on the pull request, and the tree is the pull request's: a file is
 * only read when, links resolved, it is a regular file inside `dir` (a link within the tree is
 * fine; one to a file on the runner is not).
 */
export function headFiles(dir: string): HeadFiles {
  const texts = new Map<string, string | undefined>();
  const root = realpathOrUndefined(dir);
  const text = (file: string) => {
    if (!texts.has(file)) texts.set(file, root === undefined ? undefined : readInside(root, path.join(dir, file)));
    return texts.get(file);
  };
  return {
    text,
    lastLine: (file) => {
      const content = text(file);
      if (content === undefined) return undefined;
      return Math.max(1, content.split("\n").length - (content.endsWith("\n") ? 1 : 0));
    },
  };
}

function readInside(root: string, file: string): string | undefined {
  const real = realpathOrUndefined(file);
  if (real === undefined) return undefined;
  const relative = path.relative(root, real);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  try {
    return statSync(real).isFile() ? readFileSync(real, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}
