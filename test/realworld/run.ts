/**
 * Runs Plumbline on each repository of the real-world corpus the way a user checks their repository:
 * `plumbline check` in the repository's root, with its `.github/plumbline.yml` if it has one, at the
 * default Kubernetes version. Also finds manifests Plumbline read nothing from and said nothing about.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { type CheckResult, check } from "../../src/check.js";
import { EMPTY_CONFIG } from "../../src/config/config.js";
import { loadConfig } from "../../src/config/load.js";
import type { Finding } from "../../src/findings/finding.js";
import { silentlySkipped } from "./skipped.js";

export interface RepoRun {
  /** the folder name: `<owner>__<name>` */
  readonly repo: string;
  readonly findings: readonly Finding[];
  /** manifest files (`/`-separated, relative to the repository) with an object Plumbline neither read nor mentioned */
  readonly silentlySkipped: readonly string[];
  readonly seconds: number;
}

/** The corpus's repository folders, in name order. */
export async function corpusRepos(corpusDir: string): Promise<string[]> {
  const entries = await readdir(corpusDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && entry.name.includes("__"))
    .map((entry) => entry.name)
    .sort();
}

/** One repository, checked from its root as `plumbline check` with no arguments does. */
export async function runRepo(repoDir: string, repo = path.basename(repoDir)): Promise<RepoRun> {
  const started = performance.now();
  const ownConfig = path.join(repoDir, ".github", "plumbline.yml");
  const config = existsSync(ownConfig) ? (await loadConfig(ownConfig, repoDir)).config : EMPTY_CONFIG;
  // the folder is a repository root for the user; here it has no .git, so say so rather than let the
  // loader walk up to whatever lies above the corpus
  const result: CheckResult = await check(["."], { cwd: repoDir, root: repoDir, config });
  const findings = result.findings.map((finding) => ({ ...finding, file: toPosix(finding.file) }));
  return {
    repo,
    findings,
    silentlySkipped: await silentlySkipped(repoDir, result, findings),
    seconds: (performance.now() - started) / 1000,
  };
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/").replace(/^\.\//, "");
}

/**
 * Plumbline renders Kustomizations with kubectl, as on a user's machine; without it every Kustomize
 * directory is a "not checked" notice and the labels describe another run.
 */
export function kubectlOnPath(): boolean {
  const probe = spawnSync("kubectl", ["version", "--client"], { stdio: "ignore", timeout: 30_000 });
  return !(probe.error && (probe.error as NodeJS.ErrnoException).code === "ENOENT");
}
