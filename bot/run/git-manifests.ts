/**
 * Turns the files read from GitHub into the core's Resources. They are written to a private
 * temporary directory so the one loader (plain files and Kustomize alike) reads them as the CLI
 * would, with the same options (src/drift/pipeline/git-load.ts); the directory is removed before this
 * returns.
 */

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EMPTY_CONFIG, type PlumblineConfig } from "../../src/config/config.js";
import { gitLoadOptions } from "../../src/drift/pipeline/git-load.js";
import { loadManifests } from "../../src/manifests/load.js";
import type { ManifestSet } from "../../src/manifests/resource.js";
import { isUnderPath, type RepoFile } from "../github/repo-files.js";

export async function loadRepoManifests(
  files: readonly RepoFile[],
  paths: readonly string[],
  config: PlumblineConfig = EMPTY_CONFIG,
): Promise<{ set: ManifestSet; emptyPaths: string[] }> {
  const cleanPaths = paths.map(cleanPath);
  const present = cleanPaths.filter((prefix) => files.some((file) => isUnderPath(file.path, prefix)));
  const emptyPaths = cleanPaths.filter((prefix) => !present.includes(prefix));
  if (present.length === 0) return { set: { resources: [], problems: [], files: [] }, emptyPaths };
  const directory = await mkdtemp(path.join(tmpdir(), "plumbline-bot-"));
  try {
    for (const file of files) {
      const target = path.join(directory, ...file.path.split("/"));
      // a path from GitHub never climbs out, but the directory is ours to protect
      if (!target.startsWith(directory + path.sep)) continue;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.text, { mode: 0o600 });
    }
    // the checkout is the repository root: loaded as plumbline drift loads one
    const set = await loadManifests(present, gitLoadOptions(config, { root: directory, cwd: directory }));
    return { set, emptyPaths };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export function cleanPath(prefix: string): string {
  const clean = prefix
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "")
    .replace(/\/+$/, "");
  return clean === "" ? "." : clean;
}
