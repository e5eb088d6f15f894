import * as core from "@actions/core";

/**
 * Appends the report to the step's summary page. The summary file only exists inside a job; outside
 * one (a local run) there is nowhere to write and nothing to do.
 */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown, true).write();
  return true;
}
