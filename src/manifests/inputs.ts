import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { hasManifestExtension, KUSTOMIZATION_FILES } from "./detect.js";
import type { LoadProblem } from "./resource.js";
import { isInside, walkTree } from "./walk.js";

/** A problem with what the user asked for (a path that does not exist): exit code 2, not a finding. */
export class InputError extends Error {
  override name = "InputError";
}

export interface InputFile {
  /** the path to show: relative to what the user typed */
  readonly display: string;
  readonly absolute: string;
}

export interface ExpandedInputs {
  readonly files: InputFile[];
  /** directories that hold a kustomization file */
  readonly kustomizations: InputFile[];
  readonly stdin: boolean;
  /** symbolic links that were not followed, each said once */
  readonly skipped: LoadProblem[];
}

const SKIPPED_DIRECTORIES = ["**/node_modules/**", "**/.git/**"];
const STDIN = "-";

/** Turns command-line paths (files, directories, globs, `-`) into the files to read. */
export async function expandInputs(paths: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files = new Map<string, InputFile>();
  const kustomizations = new Map<string, InputFile>();
  let stdin = false;
  const skipped: LoadProblem[] = [];
  const add = (into: Map<string, InputFile>, display: string) => {
    const absolute = path.resolve(cwd, display);
    if (!into.has(absolute)) into.set(absolute, { display, absolute });
  };

  for (const given of paths) {
    if (given === STDIN) {
      stdin = true;
      continue;
    }
    const info = await stat(path.resolve(cwd, given)).catch(() => undefined);
    if (info?.isFile() && (await leavesWorkingDirectory(given, cwd))) {
      const message = "skipped: a symbolic link that leads outside the checked directory";
      skipped.push({ kind: "symlink", file: given, line: 1, column: 1, message });
    } else if (info?.isFile()) {
      if (KUSTOMIZATION_FILES.includes(path.basename(given) as never)) add(kustomizations, path.dirname(given));
      else add(files, given);
    } else if (info?.isDirectory()) {
      // never tinyglobby here: it follows links, so a link to `/` walked the whole filesystem
      const walked = await walkTree(path.resolve(cwd, given));
      for (const link of walked.skipped) {
        const display = path.join(given, link.relative);
        skipped.push({ kind: "symlink", file: display, line: 1, column: 1, message: `skipped: ${link.reason}` });
      }
      for (const relative of walked.files) {
        const display = path.join(given, relative);
        if (KUSTOMIZATION_FILES.includes(path.basename(relative) as never)) add(kustomizations, path.dirname(display));
        else if (hasManifestExtension(relative)) add(files, display);
      }
    } else if (isDynamicPattern(given)) {
      const found = await glob(given, { cwd, onlyFiles: true, ignore: SKIPPED_DIRECTORIES, followSymbolicLinks: false });
      if (found.length === 0) throw new InputError(`${given}: no file matches this pattern`);
      for (const display of found.sort()) add(files, display);
    } else {
      throw new InputError(`${given}: no such file or directory`);
    }
  }
  return { files: [...files.values()], kustomizations: [...kustomizations.values()], stdin, skipped };
}

/**
 * A file named inside the working directory (a pull request's changed file, as the bot and the Action
 * pass them) that is a link to somewhere outside it. A path the user typed outside it is theirs to read.
 */
async function leavesWorkingDirectory(given: string, cwd: string): Promise<boolean> {
  const absolute = path.resolve(cwd, given);
  if (!isInside(absolute, cwd)) return false;
  const [real, realCwd] = await Promise.all([realpath(absolute).catch(() => absolute), realpath(cwd).catch(() => cwd)]);
  return !isInside(real, realCwd);
}
