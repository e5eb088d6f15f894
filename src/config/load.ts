import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PlumblineConfig } from "./config.js";
import { EMPTY_CONFIG } from "./config.js";
import { ConfigError } from "./errors.js";
import { parseConfigLazily } from "./parse.js";

export { ConfigError } from "./errors.js";
export { configFromObject, parseConfig } from "./parse.js";

export const CONFIG_PATH = path.join(".github", "plumbline.yml");

/** The repository root above `from`: the nearest directory holding `.git`, else `from` itself. */
export function repositoryRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/**
 * Reads `--config FILE`, or `.github/plumbline.yml` at the repository root when it exists.
 * A missing default file is the default configuration; a missing explicit one is an error.
 */
export async function loadConfig(
  explicit: string | undefined,
  cwd: string,
): Promise<{ config: PlumblineConfig; file?: string; root: string }> {
  const root = repositoryRoot(cwd);
  const file = explicit ? path.resolve(cwd, explicit) : path.join(root, CONFIG_PATH);
  if (!explicit && !existsSync(file)) return { config: EMPTY_CONFIG, root };
  const display = explicit ?? (path.relative(cwd, file) || file);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(display, 0, 0, `cannot read the configuration (${readProblem(error)})`);
  });
  return { config: await parseConfigLazily(text, display), file, root };
}

function readProblem(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return "no such file";
  if (error.code === "EISDIR") return "it is a directory";
  if (error.code === "EACCES" || error.code === "EPERM") return "permission denied";
  return error.code ?? error.message;
}
