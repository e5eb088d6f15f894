/**
 * The fixes on disk: each file read, fixed through the edit engine, and written back all at once
 * (a temporary file renamed over it), or, for a dry run, only diffed. A file whose fixes all fail, or
 * which cannot be read or written, is left exactly as it was.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { repositoryRoot } from "../config/load.js";
import { writeFileAtomic } from "../edit/index.js";
import type { Finding } from "../findings/finding.js";
import { STDIN_NAME } from "../manifests/load.js";
import { applyFileFix } from "./apply.js";
import type { FixPlan, SkippedFix } from "./plan.js";
import { unifiedDiff } from "./unified-diff.js";

export interface FixFilesOptions {
  /** what display paths are relative to */
  readonly cwd: string;
  /** diff only: no file is written */
  readonly dryRun: boolean;
  /** the text that came in on stdin, for a dry run's diff of it */
  readonly stdinText?: () => Promise<string>;
}

export interface FixedFile {
  readonly file: string;
  readonly findings: Finding[];
}

export interface FixOutcome {
  /** files changed (or, in a dry run, that would be), with the findings fixed in each */
  readonly fixed: FixedFile[];
  /** fixes not made, with the reason */
  readonly skipped: SkippedFix[];
  /** the unified diff of every change, file after file */
  readonly diff: string;
  /** unsafe fixes not made because `--unsafe-fixes` was not given */
  readonly heldBack: Finding[];
}

export async function fixFiles(plan: FixPlan, options: FixFilesOptions): Promise<FixOutcome> {
  const fixed: FixedFile[] = [];
  const skipped: SkippedFix[] = [...plan.skipped];
  let diff = "";
  for (const file of plan.files) {
    const skipAll = (reason: string) => {
      for (const object of file.objects) skipped.push(...object.findings.map((finding) => ({ finding, reason })));
    };
    const stdin = file.file === STDIN_NAME;
    if (stdin && !options.dryRun) {
      skipAll("what came in on stdin cannot be fixed in place (use --dry-run for a diff)");
      continue;
    }
    let before: string;
    try {
      before = stdin ? await readStdin(options) : await readFile(path.resolve(options.cwd, file.file), "utf8");
    } catch (error) {
      skipAll(`the file cannot be read again (${ioProblem(error)})`);
      continue;
    }
    const result = applyFileFix(before, file);
    for (const failure of result.failed) {
      skipped.push(...failure.object.findings.map((finding) => ({ finding, reason: failure.reason })));
    }
    const findings = result.applied.flatMap((object) => object.findings);
    if (result.text === before) continue;
    if (!options.dryRun) {
      try {
        // never through a link, nor into a directory a link takes outside the repository
        await writeFileAtomic(path.resolve(options.cwd, file.file), result.text, { within: repositoryRoot(options.cwd) });
      } catch (error) {
        const reason = `the file cannot be written (${ioProblem(error)}); it is unchanged`;
        skipped.push(...findings.map((finding) => ({ finding, reason })));
        continue;
      }
    }
    fixed.push({ file: file.file, findings });
    diff += unifiedDiff(diffName(file.file, options.cwd), before, result.text);
  }
  return { fixed, skipped, diff, heldBack: plan.heldBack };
}

async function readStdin(options: FixFilesOptions): Promise<string> {
  if (!options.stdinText) throw new Error("stdin was not kept");
  return options.stdinText();
}

/** The path a diff header names: relative to where the command runs, with `/`, as git writes it. */
function diffName(file: string, cwd: string): string {
  if (file === STDIN_NAME) return file;
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative.split(path.sep).join("/");
}

function ioProblem(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
