import * as core from "@actions/core";
import { CHECK_RUN_TEXT_CHARACTERS, COMMENT_CHARACTERS, JOB_SUMMARY_CHARACTERS } from "../src/github/limits.js";
import {
  analyseBase,
  analyseTree,
  type ChangePlan,
  type GateConfig,
  gateConfig,
  planChange,
  readinessScore,
  resolveFailOn,
  shortSha,
  summariseChange,
} from "../src/review/index.js";
import { listChangedFiles } from "./changed-files.js";
import { publishStatus } from "./commit-status.js";
import type { PullRequestTrigger } from "./environment.js";
import { headFiles } from "./head-files.js";
import { actingLogin } from "./identity.js";
import { configLocation } from "./inputs.js";
import { gitHubLinks } from "./links.js";
import { attempt, type Outcome } from "./permissions.js";
import { finishStep, publishCheck } from "./publish-check.js";
import { listPostedFingerprints, postInlineComments, type ReviewTarget } from "./review.js";
import { openTree, type Tree, type TreeSource } from "./revision.js";
import type { RunContext, RunResult } from "./run-context.js";
import { upsertStickyComment } from "./sticky-comment.js";

/**
 * The pull request flow: read head and base, let src/review decide what to say, and say it on the
 * head sha — review, sticky comment, check run, status, job summary, SARIF, as the inputs ask.
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
    const gate = await gateConfig(head.dir, base?.dir, configLocation(inputs));
    announce(gate);
    const options = { paths: inputs.paths, config: gate.config, kubernetesVersion: inputs.kubernetesVersion };
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
    // whose comments are ours: asked once, only when a comment or review will be looked for
    const actor = inputs.review || inputs.comment ? await actingLogin(client) : undefined;
    const target: ReviewTarget = {
      client,
      repository: environment.repository,
      number: trigger.number,
      headSha: trigger.headSha,
      actor,
    };
    const posted = inputs.review ? await listPostedFingerprints(target) : new Set<string>();
    const plan = planChange({
      head: headResult,
      base: baseResult,
      headFiles: headFiles(head.dir),
      changedFiles,
      revisions: { baseSha: trigger.baseSha, headSha: trigger.headSha },
      gate: {
        failOn: resolveFailOn(inputs.failOn, gate.config.failOn),
        onlyNew: inputs.onlyNew,
        source: gate.source,
        change: gate.change,
      },
      inline: { enabled: inputs.review, posted },
      links: gitHubLinks({ serverUrl: environment.serverUrl, repository: environment.repository }, environment.runUrl),
    });
    for (const note of plan.declined) core.debug(note);
    return await publish(context, target, plan);
  } finally {
    await base?.dispose();
    await head.dispose();
  }
}

async function publish(context: RunContext, target: ReviewTarget, plan: ChangePlan): Promise<RunResult> {
  const { environment, inputs, client } = context;
  const { verdict, classified } = plan;
  const outcomes: Record<string, Outcome> = {};
  const headSha = plan.input.revisions.headSha;

  // the review first: what it could not comment inline is then listed and annotated instead
  let delivered = false;
  outcomes.review = inputs.review
    ? await attempt("post the review", "pull-requests: write", async () => {
        delivered = await postInlineComments(target, plan.inline.comments, plan.reviewBody);
      })
    : "skipped";
  const summary = summariseChange(plan, delivered, {
    commentCharacters: COMMENT_CHARACTERS,
    checkTextCharacters: CHECK_RUN_TEXT_CHARACTERS,
    jobSummaryCharacters: JOB_SUMMARY_CHARACTERS,
  });

  outcomes.comment = inputs.comment
    ? await attempt("write the pull request comment", "pull-requests: write", async () => {
        // a pull request that changes nothing Plumbline cares about gets no new comment, but an
        // existing one is kept current (it may have reported findings that are now gone)
        const how = await upsertStickyComment(target, summary.comment, { create: summary.commentWorthPosting });
        core.info(`Plumbline comment ${how}`);
      })
    : "skipped";

  outcomes.checkRun = await publishCheck(context, headSha, {
    verdict,
    summary: summary.checkSummary,
    annotations: summary.annotations,
  });

  outcomes.status = inputs.status
    ? await attempt("set the commit status", "statuses: write", () =>
        publishStatus(client, environment.repository, headSha, {
          state: verdict.passed ? "success" : "failure",
          description: verdict.headline,
          targetUrl: environment.runUrl,
        }),
      )
    : "skipped";

  await finishStep(
    context,
    summary.jobSummary,
    { result: plan.input.head, texts: plan.input.headFiles },
    {
      findings: plan.input.head.findings.length,
      newFindings: classified.introduced.length,
      fixedFindings: classified.fixed.length,
      score: readinessScore(plan.input.head.summary),
    },
  );
  return { failing: verdict.failing.length, failOn: verdict.failOn, outcomes };
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
