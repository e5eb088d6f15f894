/**
 * How a door loads Git for drift, one function for the CLI and the bot: the configuration's ignore
 * globs, and charts rendered as helm renders them (without line markers, so the values compare with
 * the cluster's) with the configured value sets. The bot once loaded its checkout without either.
 */

import type { PlumblineConfig } from "../../config/config.js";
import type { LoadOptions } from "../../manifests/load.js";
import { ignoreMatcher } from "../../manifests/path-glob.js";

export interface GitCheckout {
  /** the repository root: ignore globs and chart paths are relative to it */
  readonly root: string;
  /** where the paths given to the loader are relative to */
  readonly cwd: string;
}

export function gitLoadOptions(config: PlumblineConfig, checkout: GitCheckout): LoadOptions {
  return {
    cwd: checkout.cwd,
    isIgnored: ignoreMatcher(config.ignore, checkout.root, checkout.cwd),
    helm: {
      plain: true,
      root: checkout.root,
      charts: config.helm?.charts ?? [],
      ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
    },
  };
}
