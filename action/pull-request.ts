import * as core from "@actions/core";
import type { CheckResult } from "../src/check.js";
import type { Severity } from "../src/findings/finding.js";
import { analyseBase, analyseTree } from "./analyse.js";
import { checkAnnotation, emitWorkflowAnnotations } from "./annotations.js";
import { type ChangedFile, listChangedFiles } from "./changed-files.js";
import { publishCheckRun } from "./check-run.js";
import { classify, classifyWithoutBase, failing } from "./classify.js";
import { publishStatus } from "./commit-status.js";
import type { PullRequestTrigger } from "./environment.js";
import { type GateConfig, gateConfig } from "./gate-config.js";
import { CHECK_RUN_TEXT_CHARACTERS, COMMENT_CHARACTERS, JOB_SUMMARY_CHARACTERS } from "../src/github/limits.js";
import { headFiles } from "./head-files.js";
import { actingLogin } from "./identity.js";
import { type InlineResult, reviewInline } from "./inline-review.js";
import { resolveFailOn } from "./inputs.js";
import { writeJobSummary } from "./job-summary.js";
import { shortSha } from "./links.js";
import { setStepOutputs } from "./outputs.js";
import { attempt, type Outcome } from "./permissions.js";
import { type PullRequestReport, renderPullRequestReport } from "./pull-request-report.js";
import type { ReviewTarget } from "./review.js";
import { openTree, type Tree, type TreeSource } from "./revision.js";
import type { RunContext, RunResult } from "./run-context.js";
import { writeSarifFile } from "./sarif-file.js";
import { readinessScore } from "./score.js";
import { upsertStickyComment } from "./sticky-comment.js";
import { suggesterFor } from "./suggestions.js";

/**
 * The pull request flow: analyse head and base, keep what this pull request changed, and report
 * it on the head sha — review, sticky comment, check run, status, job summary, SARIF.
 */
export async function reviewPullRequest(context: RunContext, trigger: PullRequestTrigger): Promise<RunResult> {
  const { environment, inputs, client } = context;
  const source: TreeSource = {
    workspace: environment.workspace,
    tempDir: environment.tempDir,
    client,
    repository: environment.repository,
    paths: inputs.paths,
  };
  const head = await openTree(trigger.headSha, source);
  if (!head) throw new Error(`the head commit ${trigger.headSha} can be read neither from the checkout nor from the API`);
  let base: Tree | undefined;
  try {
    base = await openTree(trigger.baseSha, source).catch((error: Error) => {
      core.warning(`The base commit ${shortSha(trigger.baseSha)} cannot be read: ${error.message}`);
      return undefined;
    });
    // the base branch's configuration judges both sides: the pull request cannot move its own gate
    const gate = await gateConfig(head.dir, base?.dir, inputs.config);
    announce(gate);
    const { config } = gate;
    const options = { paths: inputs.paths, config, kubernetesVersion: inputs.kubernetesVersion };
    const failOn = resolveFailOn(inputs, config.failOn);
    const headResult = await analyseTree(head.dir, options);
    const baseResult = base ? await analyseBase(base.dir, options) : undefined;
    const changedFiles = await listChangedFiles({
      client,
      repository: environment.repository,
      number: trigger.number,
      expected: trigger.changedFiles,
      workspace: environment.workspace,
      baseSha: trigger.baseSha,
      headSha: trigger.headSha,
    });
    return await report(context, trigger, {
      head: headResult,
      base: baseResult,
      headDir: head.dir,
      changedFiles,
      failOn,
      gate,
    });
  } finally {
    await base?.dispose();
    await head.dispose();
  }
}

interface Analysed {
  readonly head: CheckResult;
  readonly base: CheckResult | undefined;
  readonly headDir: string;
  readonly changedFiles: readonly ChangedFile[];
  readonly failOn: Severity | "none";
  readonly gate: GateConfig;
}

async function report(context: RunContext, trigger: PullRequestTrigger, analysed: Analysed): Promise<RunResult> {
  const { environment, inputs, client } = context;
  const changed = new Map(analysed.changedFiles.filter((file) => file.status !== "removed").map((file) => [file.path, file]));
  const changedNames = new Set(changed.keys());
  const classified = analysed.base
    ? classify(analysed.head.findings, analysed.base.findings)
    : classifyWithoutBase(analysed.head.findings, changedNames);
  const gated = inputs.onlyNew ? classified.introduced : analysed.head.findings;
  const { failOn } = analysed;
  const failingFindings = failing(gated, failOn);
  const outcomes: Record<string, Outcome> = {};
  const files = headFiles(analysed.headDir);
  // a parser error at the very end of a file points one line past it: annotate the last line instead
  const placed = gated.map((f) => ({ ...f, line: Math.min(f.line, files.lastLine(f.file) ?? f.line) }));
  // whose comments are ours: asked once, only when a comment or review will be looked for
  const actor = inputs.review || inputs.comment ? await actingLogin(client) : undefined;
  const reviewTarget: ReviewTarget = {
    client,
    repository: environment.repository,
    number: trigger.number,
    headSha: trigger.headSha,
    actor,
  };

  // the review first: what cannot be commented inline is then listed in the sticky comment
  const placement: InlineResult = { inline: new Set(), outsideDiff: new Set() };
  outcomes.review = inputs.review
    ? await attempt("post the review", "pull-requests: write", () =>
        reviewInline(reviewTarget, placed, changed, suggesterFor(analysed.head, files), placement),
      )
    : "skipped";

  const pullReport: PullRequestReport = {
    links: { serverUrl: environment.serverUrl, repository: environment.repository },
    baseSha: trigger.baseSha,
    headSha: trigger.headSha,
    head: analysed.head.summary,
    base: analysed.base?.summary,
    classified,
    onlyNew: inputs.onlyNew,
    failOn,
    failing: failingFindings,
    changedFiles: changedNames,
    inline: placement.inline,
    outsideDiff: placement.outsideDiff,
    runUrl: environment.runUrl,
    configChange: analysed.gate.change,
    configSource: analysed.gate.source,
  };

  outcomes.comment = inputs.comment
    ? await attempt("write the pull request comment", "pull-requests: write", async () => {
        const body = renderPullRequestReport(pullReport, COMMENT_CHARACTERS, { marker: true });
        // a pull request that changes nothing Plumbline cares about gets no new comment, but an
        // existing one is kept current (it may have reported findings that are now gone)
        const worthSaying = classified.introduced.length > 0 || classified.fixed.length > 0;
        const target = { client, repository: environment.repository, number: trigger.number, actor };
        const how = await upsertStickyComment(target, body, { create: worthSaying });
        core.info(`Plumbline comment ${how}`);
      })
    : "skipped";

  const headline = gateHeadline(classified.introduced.length, failingFindings.length, failOn);
  outcomes.checkRun = inputs.checkRun
    ? await attempt("create the check run", "checks: write", async () => {
        await publishCheckRun(
          { client, repository: environment.repository, headSha: trigger.headSha },
          {
            conclusion: failingFindings.length > 0 ? "failure" : "success",
            title: headline,
            summary: renderPullRequestReport(pullReport, CHECK_RUN_TEXT_CHARACTERS, { marker: false }),
            annotations: placed.map(checkAnnotation),
            detailsUrl: environment.runUrl,
          },
        );
      })
    : "skipped";
  // without a check run, workflow commands still put the findings on the diff
  if (outcomes.checkRun !== "done") emitWorkflowAnnotations(placed);

  outcomes.status = inputs.status
    ? await attempt("set the commit status", "statuses: write", () =>
        publishStatus(client, environment.repository, trigger.headSha, {
          state: failingFindings.length > 0 ? "failure" : "success",
          description: headline,
          targetUrl: environment.runUrl,
        }),
      )
    : "skipped";

  await writeJobSummary(renderPullRequestReport(pullReport, JOB_SUMMARY_CHARACTERS, { marker: false }));
  const sarifFile = inputs.sarifFile
    ? await writeSarifFile(environment.workspace, inputs.sarifFile, analysed.head.findings)
    : undefined;
  setStepOutputs({
    findings: analysed.head.findings.length,
    newFindings: classified.introduced.length,
    fixedFindings: classified.fixed.length,
    score: readinessScore(analysed.head.summary),
    sarifFile,
  });
  return { failing: failingFindings.length, failOn, outcomes };
}

/** The one-line verdict for the check run title and the commit status (≤ 140 characters). */
export function gateHeadline(introduced: number, failingCount: number, failOn: string): string {
  const news = `${introduced} new ${introduced === 1 ? "finding" : "findings"}`;
  if (failOn === "none") return news;
  return failingCount > 0 ? `${news}, ${failingCount} at or above ${failOn}` : `${news}, none at or above ${failOn}`;
}

/** The log says which configuration judged the pull request, and why not its own. */
function announce(gate: GateConfig): void {
  if (gate.source === "defaults") {
    core.warning("The base revision cannot be read: this pull request is judged under Plumbline's default configuration");
  }
  if (!gate.change) return;
  core.notice(
    `This pull request changes Plumbline's configuration (${gate.change.file}); it takes effect after merge. ` +
      "Its findings are judged under the base branch's configuration.",
  );
}
