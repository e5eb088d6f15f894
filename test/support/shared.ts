/**
 * Material from public repositories (the peer linters' corpora, real-world manifests) lives beside the
 * clone in `../shared/`, never inside the repository: its licences and origin keep it out. This module
 * says where it is and, when it is absent, one line saying what is missing and how to get it.
 *
 * No vitest here: `npm run corpus` runs the corpus code (which imports this) under plain Node.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Overrides where `shared/` is, for a clone that does not sit beside it. */
export const SHARED_ENV = "PLUMBLINE_SHARED";

/**
 * The repository root, found by walking up from this module: it runs both from `test/support/` (vitest)
 * and from `build/test/support/` (`npm run corpus`), so a fixed number of `..` would be wrong in one of them.
 * `build/` holds a copy of package.json (src imports it) but never tsconfig.json, so both must be there.
 */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isPlumblineRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the Plumbline repository root above this module");
    dir = parent;
  }
}

function isPlumblineRoot(dir: string): boolean {
  const manifest = path.join(dir, "package.json");
  if (!existsSync(manifest) || !existsSync(path.join(dir, "tsconfig.json"))) return false;
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "plumbline";
  } catch {
    return false;
  }
}

/** `$PLUMBLINE_SHARED` when set, else `shared/` beside the repository root. */
export function sharedRoot(): string {
  const fromEnv = process.env[SHARED_ENV];
  return fromEnv ? path.resolve(fromEnv) : path.resolve(repoRoot(), "../shared");
}

/** One folder of `shared/`, and whether this machine has it. */
export interface SharedMaterial {
  /** what the folder holds, for people: "the peer corpora" */
  readonly what: string;
  /** the folder, absolute, resolved on this machine */
  readonly dir: string;
  readonly present: boolean;
  /** one line: what is missing and how to run the tests that need it */
  readonly missing: string;
  /** a path inside the folder */
  file(...relative: string[]): string;
}

/** `relative` is a folder inside `shared/` (e.g. "corpus", "realworld"). */
export function sharedMaterial(relative: string, what: string): SharedMaterial {
  const dir = path.join(sharedRoot(), relative);
  const present = existsSync(dir);
  return {
    what,
    dir,
    present,
    missing: `${what} not found at ${dir} (put shared/ beside the clone, or set ${SHARED_ENV}=<dir>)`,
    file: (...parts) => path.join(dir, ...parts),
  };
}

/** The peer linters' labelled fixtures (kube-linter, kube-score, Polaris, Pluto, gitops-engine, …). */
export const peerCorpora: SharedMaterial = sharedMaterial("corpus", "the peer corpora");

/** Manifests of real projects, for tests that run the whole CLI over them. */
export const realWorld: SharedMaterial = sharedMaterial("realworld", "the real-world manifests");
