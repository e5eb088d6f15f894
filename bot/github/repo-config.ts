/**
 * A repository's `.github/plumbline.yml`, read through Probot's config plugin (so `_extends` works)
 * and validated with the same schema as the CLI and the Action. A repository whose own file is
 * missing, or has no `drift:` clusters, is left alone: an organisation-wide default never turns the
 * bot on by itself.
 */

import type { PlumblineConfig } from "../../src/config/config.js";
import { ConfigError, configFromObject } from "../../src/config/load.js";
import { type DriftConfig, readDriftConfig } from "../../src/drift/config.js";
import { CONFIG_FILE } from "../../src/github/config-path.js";
import type { GitHub, RepoRef } from "./octokit.js";

export { CONFIG_FILE } from "../../src/github/config-path.js";

export interface BotRepoConfig {
  readonly drift: DriftConfig;
  /** keep a "Drift dashboard" issue up to date (drift.dashboard) */
  readonly dashboard: boolean;
  /** the whole file: its ignore globs and Helm value sets shape what Git holds, as for the CLI */
  readonly settings?: PlumblineConfig;
}

export type RepoConfigResult =
  | { readonly state: "absent" }
  | { readonly state: "invalid"; readonly message: string }
  | { readonly state: "ok"; readonly config: BotRepoConfig };

export async function loadRepoConfig(github: GitHub, repo: RepoRef): Promise<RepoConfigResult> {
  let files: { config: unknown }[];
  let merged: unknown;
  try {
    const result = await github.config.get({ owner: repo.owner, repo: repo.repo, path: CONFIG_FILE });
    files = result.files as { config: unknown }[];
    merged = result.config;
  } catch (error) {
    if (!isConfigPluginError(error)) throw error;
    return { state: "invalid", message: `${CONFIG_FILE}: ${pluginProblem(error as Error)}` };
  }
  if (!files[0]?.config) return { state: "absent" };
  try {
    const config = configFromObject(merged, CONFIG_FILE);
    if (!config.drift) return { state: "absent" };
    const drift = readDriftConfig(config.drift);
    if (drift.clusters.length === 0) return { state: "absent" };
    return { state: "ok", config: { drift, dashboard: config.drift.dashboard === true, settings: config } };
  } catch (error) {
    if (error instanceof ConfigError) return { state: "invalid", message: error.message };
    throw error;
  }
}

function isConfigPluginError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("[@probot/octokit-plugin-config]");
}

/** "invalid YAML: Nested mappings are not allowed in compact mappings at line 3, column 8" */
function pluginProblem(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause.message.split("\n")[0] : undefined;
  const reason = /\(([^)]+)\)$/.exec(error.message)?.[1] ?? error.message.replace("[@probot/octokit-plugin-config] ", "");
  return cause ? `${reason}: ${cause}` : reason;
}
