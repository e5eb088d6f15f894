import * as core from "@actions/core";
import { ConfigError } from "../src/config/load.js";
import { InputError } from "../src/manifests/inputs.js";
import { checkTree } from "./check-tree.js";
import { readRunnerEnvironment, readTrigger } from "./environment.js";
import { InputValidationError, readInputs } from "./inputs.js";
import { createClient } from "./octokit.js";
import { reviewPullRequest } from "./pull-request.js";
import type { RunResult } from "./run-context.js";

/**
 * The Action's entry: read the step's inputs and the event, run the flow for it, and turn the
 * result into the step's outcome. Never throws; the exit code is set through @actions/core.
 */
export async function run(): Promise<void> {
  try {
    const environment = readRunnerEnvironment();
    const inputs = readInputs();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, quoted for the user
    if (!inputs.token) throw new InputValidationError("token is empty: pass ${{ github.token }} or another token");
    const client = createClient(inputs.token, environment.apiUrl);
    const trigger = await readTrigger(environment);
    const result =
      trigger.kind === "pull_request"
        ? await reviewPullRequest({ environment, inputs, client }, trigger)
        : await checkTree({ environment, inputs, client }, trigger);
    conclude(result);
  } catch (error) {
    fail(error);
  }
}

function conclude(result: RunResult): void {
  const broken = Object.entries(result.outcomes)
    .filter(([, outcome]) => outcome === "failed")
    .map(([what]) => what);
  if (result.failing > 0) {
    core.setFailed(
      `Plumbline: ${result.failing} ${result.failing === 1 ? "finding" : "findings"} at or above fail-on (${result.failOn})`,
    );
  } else if (broken.length > 0) {
    // permission refusals are warnings (a fork's token is read-only); anything else is a real failure
    core.setFailed(`Plumbline could not publish: ${broken.join(", ")} (see the errors above)`);
  } else {
    core.info("Plumbline: passed");
  }
}

function fail(error: unknown): void {
  if (error instanceof ConfigError) {
    core.error(error.detail, {
      title: "Plumbline configuration",
      file: error.file,
      ...(error.line > 0 ? { startLine: error.line, startColumn: error.column } : {}),
    });
    core.setFailed(`Plumbline: invalid configuration: ${error.message}`);
    return;
  }
  if (error instanceof InputError || error instanceof InputValidationError) {
    core.setFailed(`Plumbline: ${error.message}`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.stack) core.debug(error.stack);
  core.setFailed(`Plumbline failed: ${message}`);
}
