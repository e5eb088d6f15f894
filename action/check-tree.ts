import { CHECK_RUN_TEXT_CHARACTERS, JOB_SUMMARY_CHARACTERS } from "../src/github/limits.js";
import { analyseTree, planTree, readConfig, readinessScore, resolveFailOn } from "../src/review/index.js";
import type { TreeTrigger } from "./environment.js";
import { headFiles } from "./head-files.js";
import { configLocation } from "./inputs.js";
import type { Outcome } from "./permissions.js";
import { finishStep, publishCheck } from "./publish-check.js";
import type { RunContext, RunResult } from "./run-context.js";

/**
 * push, workflow_dispatch and every other event: the checked-out tree as it is, every finding
 * annotated on GITHUB_SHA, no comparison (there is no pull request to compare against).
 */
export async function checkTree(context: RunContext, trigger: TreeTrigger): Promise<RunResult> {
  const { environment, inputs } = context;
  const dir = environment.workspace;
  const config = await readConfig(dir, configLocation(inputs));
  const result = await analyseTree(dir, { paths: inputs.paths, config, kubernetesVersion: inputs.kubernetesVersion });
  const files = headFiles(dir);
  const plan = planTree(result, files, resolveFailOn(inputs.failOn, config.failOn), {
    checkTextCharacters: CHECK_RUN_TEXT_CHARACTERS,
    jobSummaryCharacters: JOB_SUMMARY_CHARACTERS,
  });
  const outcomes: Record<string, Outcome> = { comment: "skipped", review: "skipped", status: "skipped" };
  outcomes.checkRun = await publishCheck(context, trigger.sha, {
    verdict: plan.verdict,
    summary: plan.checkSummary,
    annotations: plan.annotations,
  });
  await finishStep(
    context,
    plan.jobSummary,
    { result, texts: files },
    {
      findings: result.findings.length,
      newFindings: undefined,
      fixedFindings: undefined,
      score: readinessScore(result.summary),
    },
  );
  return { failing: plan.verdict.failing.length, failOn: plan.verdict.failOn, outcomes };
}
