import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root, found by walking up from this module: it runs both from `test/corpus/` (vitest)
 * and from `build/test/corpus/` (`npm run corpus`), so a fixed number of `..` would be wrong in one of them.
 * `build/` holds a copy of package.json (src imports it) but never tsconfig.json, so both must be there.
 */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isPlumblineRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the Plumbline repository root above test/corpus");
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

/** The shared peer corpora live beside the repository, never inside it. */
export function corpusRoot(): string {
  const root = path.resolve(repoRoot(), "../shared/corpus");
  // the corpora are read where the workplace puts them, beside the clone, never copied in
  if (!existsSync(root)) throw new Error(`the peer corpora are read from ${root}: clone the repository next to shared/`);
  return root;
}
