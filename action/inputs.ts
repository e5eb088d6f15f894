import * as core from "@actions/core";
import { SEVERITIES, type Severity } from "../src/findings/finding.js";
import { CONFIG_FILE } from "../src/github/config-path.js";
import { parseKubeVersion } from "../src/k8s/versions.js";
import type { ConfigLocation, FailOn } from "../src/review/index.js";

/** action.yml's default for `config`: the adapter's one configuration path */
export const DEFAULT_CONFIG = CONFIG_FILE;

/** The `with:` block of the workflow step, validated. Defaults mirror action.yml. */
export interface ActionInputs {
  readonly token: string;
  readonly paths: readonly string[];
  readonly config: string;
  /** undefined: the configuration's `failOn` decides, else `error` */
  readonly failOn: FailOn | undefined;
  readonly kubernetesVersion: string | undefined;
  readonly onlyNew: boolean;
  readonly comment: boolean;
  readonly review: boolean;
  readonly checkRun: boolean;
  readonly status: boolean;
  /** empty: no SARIF file */
  readonly sarifFile: string | undefined;
}

export class InputValidationError extends Error {
  override name = "InputValidationError";
}

/** Reads the INPUT_* variables through @actions/core (which is how the runner hands them over). */
export function readInputs(): ActionInputs {
  // never printed, not even as ::add-mask:: (the runner already masks secrets and github.token)
  const token = core.getInput("token");
  const failOn = core.getInput("fail-on");
  if (failOn && failOn !== "none" && !SEVERITIES.includes(failOn as Severity)) {
    throw new InputValidationError(`fail-on must be one of error, warning, info, none, not "${failOn}"`);
  }
  const version = core.getInput("kubernetes-version");
  if (version && !parseKubeVersion(version)) {
    throw new InputValidationError(`kubernetes-version must look like 1.31, not "${version}"`);
  }
  return {
    token,
    paths: splitPaths(core.getInput("paths")),
    config: core.getInput("config") || DEFAULT_CONFIG,
    failOn: failOn ? (failOn as FailOn) : undefined,
    kubernetesVersion: version ? version.replace(/^v/, "") : undefined,
    onlyNew: booleanInput("only-new", true),
    comment: booleanInput("comment", true),
    review: booleanInput("review", true),
    checkRun: booleanInput("check-run", false),
    status: booleanInput("status", false),
    sarifFile: core.getInput("sarif-file") || undefined,
  };
}

/** One path per line (the YAML `|` form) or separated by commas; empty means the whole repository. */
export function splitPaths(text: string): string[] {
  const paths = text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "" && !entry.startsWith("#"));
  return paths.length > 0 ? paths : ["."];
}

/** Like core.getBooleanInput, but an absent input takes the default instead of throwing. */
function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).toLowerCase();
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new InputValidationError(`${name} must be true or false, not "${value}"`);
}

/** The `config` input, and the default file that may be absent. */
export function configLocation(inputs: ActionInputs): ConfigLocation {
  return { path: inputs.config, defaultPath: DEFAULT_CONFIG };
}
