import * as core from "@actions/core";
import { isPermissionError } from "../src/github/client.js";

/**
 * What happened to one kind of output (comment, review, check run, status): the step goes on after
 * each, so one refusal never hides the others.
 */
export type Outcome = "done" | "skipped" | "forbidden" | "failed";

/**
 * Runs one publishing step. Missing permissions become a warning naming the scope to grant; any
 * other failure is reported as an error but does not stop the remaining steps.
 */
export async function attempt(what: string, scope: string, publish: () => Promise<void>): Promise<Outcome> {
  try {
    await publish();
    return "done";
  } catch (error) {
    const message = (error as { message?: string } | undefined)?.message ?? String(error);
    if (isPermissionError(error)) {
      core.warning(
        `Plumbline could not ${what}: ${message}. The token needs \`${scope}\`; pull requests from forks get a read-only token, ` +
          "so the findings are reported as annotations and in the job summary instead.",
      );
      return "forbidden";
    }
    core.error(`Plumbline could not ${what}: ${message}`);
    return "failed";
  }
}
