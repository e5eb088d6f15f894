import { CHECK_RUN_TEXT_CHARACTERS, JOB_SUMMARY_CHARACTERS } from "../src/github/limits.js";
import { analyseTree, planTree, readConfig, readinessScore, resolveFailOn } from "../src/review/index.js";
import { checkAnnotation, emitWorkflowAnnotations } from "./annotations.js";
import { publishCheckRun } from "./check-run.js";
import type { TreeTrigger } from "./environment.js";
import { headFiles } from "./head-files.js";
import { configLocation } from "./inputs.js";
import { writeJobSummary } from "./job-summary.js";
import { setStepOutputs } from "./outputs.js";
import { attempt, type Outcome } from "./permissions.js";
import type { RunContext, RunResult } from "./run-context.js";
import { writeSarifFile } from "./sarif-file.js";

/**
 * push, workflow_dispatch and every other event: the checked-out tree as it is, every finding
 * annotated on GITHUB_SHA, no comparison (there is no pull request to compare against).
 */
export async function checkTree(context: RunContext, trigger: TreeTrigger): Promise<RunResult> {
  const { environment, inputs, client } = context;
  const dir = environment.workspace;
  const config = await readConfig(dir, configLocation(inputs));
  const result = await analyseTree(dir, { paths: inputs.paths, config, kubernetesVersion: inputs.kubernetesVersion });
  const plan = planTree(result, headFiles(dir), resolveFailOn(inputs.failOn, config.failOn), {
    checkTextCharacters: CHECK_RUN_TEXT_CHARACTERS,
    jobSummaryCharacters: JOB_SUMMARY_CHARACTERS,
  });
  const outcomes: Record<string, Outcome> = { comment: "skipped", review: "skipped", status: "skipped" };

  outcomes.checkRun = inputs.checkRun
    ? await attempt("create the check run", "checks: write", async () => {
        await publishCheckRun(
          { client, repository: environment.repository, headSha: trigger.sha },
          {
            conclusion: plan.verdict.passed ? "success" : "failure",
            title: plan.verdict.headline,
            summary: plan.checkSummary,
            annotations: plan.annotations.map(checkAnnotation),
            detailsUrl: environment.runUrl,
          },
        );
      })
    : "skipped";
  if (outcomes.checkRun !== "done") emitWorkflowAnnotations(plan.annotations);

  await writeJobSummary(plan.jobSummary);
  const sarifFile = inputs.sarifFile ? await writeSarifFile(dir, inputs.sarifFile, result.findings) : undefined;
  setStepOutputs({
    findings: result.findings.length,
    newFindings: undefined,
    fixedFindings: undefined,
    score: readinessScore(result.summary),
    sarifFile,
  });
  return { failing: plan.verdict.failing.length, failOn: plan.verdict.failOn, outcomes };
}
