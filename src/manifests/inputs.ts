import { stat } from "node:fs/promises";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { hasManifestExtension, KUSTOMIZATION_FILES } from "./detect.js";

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
}

const SKIPPED_DIRECTORIES = ["**/node_modules/**", "**/.git/**"];
const STDIN = "-";

/** Turns command-line paths (files, directories, globs, `-`) into the files to read. */
export async function expandInputs(paths: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files = new Map<string, InputFile>();
  const kustomizations = new Map<string, InputFile>();
  let stdin = false;
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
    if (info?.isFile()) {
      if (KUSTOMIZATION_FILES.includes(path.basename(given) as never)) add(kustomizations, path.dirname(given));
      else add(files, given);
    } else if (info?.isDirectory()) {
      const found = await glob("**/*", { cwd: path.resolve(cwd, given), onlyFiles: true, ignore: SKIPPED_DIRECTORIES });
      for (const relative of found.sort()) {
        const display = path.join(given, relative);
        if (KUSTOMIZATION_FILES.includes(path.basename(relative) as never)) add(kustomizations, path.dirname(display));
        else if (hasManifestExtension(relative)) add(files, display);
      }
    } else if (isDynamicPattern(given)) {
      const found = await glob(given, { cwd, onlyFiles: true, ignore: SKIPPED_DIRECTORIES });
      if (found.length === 0) throw new InputError(`${given}: no file matches this pattern`);
      for (const display of found.sort()) add(files, display);
    } else {
      throw new InputError(`${given}: no such file or directory`);
    }
  }
  return { files: [...files.values()], kustomizations: [...kustomizations.values()], stdin };
}
