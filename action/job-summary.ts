import * as core from "@actions/core";
import { capBytes, JOB_SUMMARY_BYTES } from "../src/github/limits.js";

/**
 * Appends the report to the step's summary page. The summary file only exists inside a job; outside
 * one (a local run) there is nowhere to write and nothing to do.
 */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(capBytes(markdown, JOB_SUMMARY_BYTES), true).write();
  return true;
}
