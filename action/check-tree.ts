import type { Summary } from "../src/check.js";
import type { Finding } from "../src/findings/finding.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { analyseTree, readConfig } from "./analyse.js";
import { checkAnnotation, emitWorkflowAnnotations } from "./annotations.js";
import { publishCheckRun } from "./check-run.js";
import { failing } from "./classify.js";
import type { TreeTrigger } from "./environment.js";
import { CHECK_RUN_TEXT_CHARACTERS, JOB_SUMMARY_CHARACTERS } from "../src/github/limits.js";
import { headFiles } from "./head-files.js";
import { resolveFailOn } from "./inputs.js";
import { writeJobSummary } from "./job-summary.js";
import { hardLimit } from "../src/report/markdown-budget.js";
import { setStepOutputs } from "./outputs.js";
import { attempt, type Outcome } from "./permissions.js";
import type { RunContext, RunResult } from "./run-context.js";
import { writeSarifFile } from "./sarif-file.js";
import { readinessScore } from "./score.js";

/**
 * push, workflow_dispatch and every other event: the checked-out tree as it is, every finding
 * annotated on GITHUB_SHA, no comparison (there is no pull request to compare against).
 */
export async function checkTree(context: RunContext, trigger: TreeTrigger): Promise<RunResult> {
  const { environment, inputs, client } = context;
  const dir = environment.workspace;
  const config = await readConfig(dir, inputs.config);
  const result = await analyseTree(dir, { paths: inputs.paths, config, kubernetesVersion: inputs.kubernetesVersion });
  const failOn = resolveFailOn(inputs, config.failOn);
  const failingFindings = failing(result.findings, failOn);
  const title = treeHeadline(result.findings.length, failingFindings.length, failOn);
  const outcomes: Record<string, Outcome> = { comment: "skipped", review: "skipped", status: "skipped" };
  const files = headFiles(dir);
  const placed = result.findings.map((f) => ({ ...f, line: Math.min(f.line, files.lastLine(f.file) ?? f.line) }));

  outcomes.checkRun = inputs.checkRun
    ? await attempt("create the check run", "checks: write", async () => {
        await publishCheckRun(
          { client, repository: environment.repository, headSha: trigger.sha },
          {
            conclusion: failingFindings.length > 0 ? "failure" : "success",
            title,
            summary: fittedMarkdown(result.findings, result.summary, CHECK_RUN_TEXT_CHARACTERS),
            annotations: placed.map(checkAnnotation),
            detailsUrl: environment.runUrl,
          },
        );
      })
    : "skipped";
  if (outcomes.checkRun !== "done") emitWorkflowAnnotations(placed);

  await writeJobSummary(fittedMarkdown(result.findings, result.summary, JOB_SUMMARY_CHARACTERS));
  const sarifFile = inputs.sarifFile ? await writeSarifFile(dir, inputs.sarifFile, result.findings) : undefined;
  setStepOutputs({
    findings: result.findings.length,
    newFindings: undefined,
    fixedFindings: undefined,
    score: readinessScore(result.summary),
    sarifFile,
  });
  return { failing: failingFindings.length, failOn, outcomes };
}

/** The core's Markdown report with as many table rows as `limit` allows. */
export function fittedMarkdown(findings: readonly Finding[], summary: Summary, limit: number): string {
  let rows = findings.length;
  for (;;) {
    const text = renderMarkdown(findings, summary, { maxRows: rows });
    if (text.length <= limit || rows === 0) return hardLimit(text, limit, "…the report was cut here.");
    rows = Math.min(rows - 1, Math.floor((rows * limit * 0.95) / text.length));
  }
}

function treeHeadline(total: number, failingCount: number, failOn: string): string {
  const found = `${total} ${total === 1 ? "finding" : "findings"}`;
  if (failOn === "none") return found;
  return failingCount > 0 ? `${found}, ${failingCount} at or above ${failOn}` : `${found}, none at or above ${failOn}`;
}
