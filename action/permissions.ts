import * as core from "@actions/core";

/**
 * What happened to one kind of output (comment, review, check run, status): the step goes on after
 * each, so one refusal never hides the others.
 */
export type Outcome = "done" | "skipped" | "forbidden" | "failed";

interface HttpError {
  readonly status?: number;
  readonly message?: string;
}

/**
 * 403 "Resource not accessible by integration" is how GitHub answers a write with a read-only
 * token (a fork's pull request, or `permissions:` without the scope); 404 is how it answers when
 * the token cannot see the resource at all. Rate limits are also 403s, but the throttling plugin
 * has already waited those out before an error reaches this point.
 */
export function isPermissionError(error: unknown): boolean {
  const status = (error as HttpError | undefined)?.status;
  return status === 403 || status === 404;
}

/**
 * Runs one publishing step. Missing permissions become a warning naming the scope to grant; any
 * other failure is reported as an error but does not stop the remaining steps.
 */
export async function attempt(what: string, scope: string, publish: () => Promise<void>): Promise<Outcome> {
  try {
    await publish();
    return "done";
  } catch (error) {
    const message = (error as HttpError).message ?? String(error);
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
