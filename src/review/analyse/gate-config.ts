import { lstat, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { EMPTY_CONFIG, type PlumblineConfig } from "../../config/config.js";
import { ConfigError, parseConfig } from "../../config/load.js";
import type { ConfigLocation } from "./analyse.js";

/**
 * Which configuration judges a pull request. Not the pull request's own: a pull request that sets
 * `failOn: none` or turns a rule off would otherwise pass the gate it is judged by. The base
 * branch's configuration decides; a change to it is reported and takes effect after merge.
 */
export interface GateConfig {
  /** what the findings of both revisions are judged with */
  readonly config: PlumblineConfig;
  /** where it came from: `defaults` when the base revision could not be read at all */
  readonly source: "base" | "defaults";
  /** the pull request changes the configuration file (undefined: it does not, or nobody can tell) */
  readonly change: ConfigChange | undefined;
}

export interface ConfigChange {
  /** the file as the repository names it */
  readonly file: string;
  readonly how: "added" | "modified" | "removed";
}

/**
 * The base revision's configuration file (`location.path`, relative to each tree), compared with the
 * head's. A file the base lacks is the default configuration. An invalid file on either side is a
 * ConfigError (the step fails): on the base the branch itself is broken; on the head the pull
 * request would break every run after its merge. Failing is never a way to pass the gate.
 */
export async function gateConfig(headDir: string, baseDir: string | undefined, location: ConfigLocation): Promise<GateConfig> {
  const configPath = location.path;
  const file = configPath.replaceAll("\\", "/");
  if (baseDir === undefined) return { config: EMPTY_CONFIG, source: "defaults", change: undefined };
  const baseText = await readConfigText(baseDir, configPath);
  // the head's file does not judge, but a broken one would fail every run after merge: it fails now
  const headText = await readConfigText(headDir, configPath);
  if (headText !== undefined && headText !== baseText) parseConfig(headText, file);
  if (baseText === undefined && headText === undefined && path.normalize(configPath) !== path.normalize(location.defaultPath)) {
    throw new ConfigError(file, 0, 0, "the config input names a file that does not exist");
  }
  const config = baseText === undefined ? EMPTY_CONFIG : parseBase(baseText, file);
  if (headText === baseText) return { config, source: "base", change: undefined };
  const how = baseText === undefined ? "added" : headText === undefined ? "removed" : "modified";
  return { config, source: "base", change: { file, how } };
}

/**
 * The configuration file's text in a tree, undefined when there is none. Symbolic links (of the file
 * or of a directory above it) are followed only while they stay inside the tree: in a pull request
 * one could point at any file on the runner.
 */
async function readConfigText(dir: string, configPath: string): Promise<string | undefined> {
  const absolute = path.resolve(dir, configPath);
  const stats = await lstat(absolute).catch(() => undefined);
  if (!stats) return undefined;
  const display = configPath.replaceAll("\\", "/");
  // the file or a directory above it may be the link
  const real = await realpath(absolute).catch(() => undefined);
  if (real === undefined || !isInside(await realpath(dir), real)) {
    throw new ConfigError(display, 0, 0, "is reached through a symbolic link that leads outside the repository: not read");
  }
  if (!(await stat(real)).isFile()) throw new ConfigError(display, 0, 0, "is not a regular file");
  return readFile(real, "utf8");
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function parseBase(text: string, file: string): PlumblineConfig {
  try {
    return parseConfig(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.file,
      error.line,
      error.column,
      `${error.detail} (in the base branch's configuration, which judges pull requests)`,
    );
  }
}
