import type { RunnerEnvironment } from "./environment.js";
import type { ActionInputs } from "./inputs.js";
import type { GitHubClient } from "./octokit.js";
import type { Outcome } from "./permissions.js";

/** What both flows (pull request, tree) start from. */
export interface RunContext {
  readonly environment: RunnerEnvironment;
  readonly inputs: ActionInputs;
  readonly client: GitHubClient;
}

/** What the entry point needs to decide the step's result. */
export interface RunResult {
  /** findings that fail the gate (`fail-on`) */
  readonly failing: number;
  /** the threshold that was applied */
  readonly failOn: string;
  /** each publishing step and how it went */
  readonly outcomes: Readonly<Record<string, Outcome>>;
}
