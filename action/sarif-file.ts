import { mkdir, realpath } from "node:fs/promises";
import path from "node:path";
import * as core from "@actions/core";
import type { CheckResult } from "../src/check.js";
import { UnsafeWriteError, writeFileAtomic } from "../src/edit/index.js";
import { documentTarget, renderCheckSarif } from "../src/report/sarif-check.js";

/** What the SARIF file is made from: head's check result and the texts of head's files. */
export interface SarifInput {
  readonly result: CheckResult;
  readonly texts: { text(file: string): string | undefined };
}

/** The SARIF file could not be written safely: the step fails with this one line. */
export class SarifFileError extends Error {
  override name = "SarifFileError";
}

/**
 * Writes every finding at head as SARIF for github/codeql-action/upload-sarif. All of them, not only
 * the new ones: code scanning tracks alerts itself and closes those a run no longer reports.
 * Finding paths are already relative to the repository root, which is what code scanning resolves.
 *
 * The workspace is the pull request's checkout, so the pull request decides what stands at that
 * path. A symbolic link there is replaced by the report (its target is never written), with a
 * warning; a directory on the way that a link takes outside the workspace fails the step.
 */
export async function writeSarifFile(workspace: string, file: string, sarif: SarifInput): Promise<string> {
  const target = path.resolve(workspace, file);
  const display = file.replaceAll("\\", "/");
  // a path the workflow sets outside the workspace is the workflow's choice; inside it, links may lie
  const inWorkspace = isInside(workspace, target);
  try {
    if (inWorkspace) await refuseLinkOutside(workspace, path.dirname(target));
    await mkdir(path.dirname(target), { recursive: true });
    const report = renderCheckSarif(sarif.result, {
      category: core.getInput("sarif-category"),
      root: workspace,
      // the head's texts give GitHub's line hashes, regions over key and value, and fixes
      sources: { text: (name) => sarif.texts.text(name), target: documentTarget },
    });
    const outcome = await writeFileAtomic(target, report, {
      symlink: "replace",
      ...(inWorkspace ? { within: workspace } : {}),
    });
    if (outcome.replacedLink) {
      core.warning(
        `${display} was a symbolic link in the checkout: Plumbline replaced the link with the report and did not write to where it pointed`,
      );
    }
  } catch (error) {
    if (error instanceof UnsafeWriteError) throw new SarifFileError(`cannot write ${display}: ${error.message}`);
    throw error;
  }
  return target;
}

/** mkdir -p would follow a linked directory: the nearest existing one must really be in the workspace. */
async function refuseLinkOutside(workspace: string, directory: string): Promise<void> {
  let existing = directory;
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      if (!isInside(await realpath(workspace), real)) {
        throw new UnsafeWriteError("its directory leads outside the repository (through a symbolic link): not written");
      }
      return;
    }
    const parent = path.dirname(existing);
    if (parent === existing) return;
    existing = parent;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
