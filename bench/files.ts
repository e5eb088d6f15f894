import { readdir } from "node:fs/promises";
import path from "node:path";

/** Where the bench writes its corpus and results; git-ignored. */
export const BENCH_ROOT = ".bench-corpus";
/** Manifests live one level down so that results.json is never read as a manifest. */
export const MANIFESTS_DIR = "manifests";

/** The files every phase reads: what `plumbline check` would pick from the directory, sorted. */
export async function listManifests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
