import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type CheckResult, check } from "../../check.js";
import type { PlumblineConfig } from "../../config/config.js";
import { EMPTY_CONFIG } from "../../config/config.js";
import { ConfigError, parseConfig } from "../../config/load.js";
import { InputError } from "../../manifests/inputs.js";

export interface AnalysisOptions {
  readonly paths: readonly string[];
  readonly config: PlumblineConfig;
  readonly kubernetesVersion: string | undefined;
}

/** Where a door looks for the configuration: the file asked for, and the door's default one. */
export interface ConfigLocation {
  /** relative to the tree's root */
  readonly path: string;
  /** the door's default file (`.github/plumbline.yml` on GitHub): it may be absent, a named one may not */
  readonly defaultPath: string;
}

/**
 * Reads the configuration file from a tree. The default file may be absent; a file the user named
 * must exist. Errors name the file as it is in the repository.
 */
export async function readConfig(dir: string, location: ConfigLocation): Promise<PlumblineConfig> {
  const configPath = location.path;
  const display = configPath.replaceAll("\\", "/");
  const absolute = path.resolve(dir, configPath);
  if (!existsSync(absolute)) {
    if (path.normalize(configPath) === path.normalize(location.defaultPath)) return EMPTY_CONFIG;
    throw new ConfigError(display, 0, 0, "the config input names a file that does not exist");
  }
  return parseConfig(await readFile(absolute, "utf8"), display);
}

/** Runs the core on a tree, from its root, so every finding's file is relative to the repository. */
export function analyseTree(dir: string, options: AnalysisOptions): Promise<CheckResult> {
  return check(options.paths, {
    cwd: dir,
    root: dir,
    config: options.config,
    ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
  });
}

/**
 * The base revision may predate a path the pull request adds. Such a path is simply empty there;
 * the head revision is analysed strictly, so a typo in `paths` still fails the step.
 */
export async function analyseBase(dir: string, options: AnalysisOptions): Promise<CheckResult> {
  const existing = options.paths.filter((given) => /[*?[{]/.test(given) || existsSync(path.resolve(dir, given)));
  if (existing.length === 0) return analyseTree(dir, { ...options, paths: [] });
  try {
    return await analyseTree(dir, { ...options, paths: existing });
  } catch (error) {
    // a glob that matches nothing at base: nothing was there
    if (error instanceof InputError) return analyseTree(dir, { ...options, paths: [] });
    throw error;
  }
}
