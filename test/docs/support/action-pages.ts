import { demoRepository } from "../../action/support/demo-pull-request.js";
import { FixtureRepo } from "../../action/support/fixture-repo.js";
import { MockGitHub, type PullFile, type RecordedRequest } from "../../action/support/mock-github.js";
import { exampleRepository, pullRequestPayload } from "../../action/support/payloads.js";
import { runAction } from "../../action/support/run-action.js";
import { bareDeployment } from "../../action/support/scenario.js";
import type { ReviewThread } from "./pages.js";

/**
 * Runs the Action's bundle (the entry point the runner starts) on a pull request against the test
 * suite's mock GitHub and keeps the markdown it sent: the sticky comment and the review. Nothing
 * here knows how the Action builds them, so the screenshots follow whatever the Action writes.
 */

/** A token shaped like a real one, only for the mock. */
const TOKEN = "ghs_screenshotOnlyNotARealToken0123456789";

export interface ActionOutput {
  /** the sticky comment's last body (created, then maybe edited) */
  readonly comment: string;
  /** the review the Action submitted, if any, with each inline comment placed in its diff */
  readonly review: { readonly body: string; readonly threads: ReviewThread[] } | undefined;
  /** the Action's `new-findings` output */
  readonly newFindings: number;
}

interface PullRequestFiles {
  readonly fixture: FixtureRepo;
  readonly base: string;
  readonly head: string;
}

/** The examples/ pull request the Action's own tests check (a new cache service, a dropped probe). */
export async function demoPullRequest(bundle: string): Promise<ActionOutput> {
  return runOnPullRequest(bundle, await demoRepository());
}

/** Fifty Deployments with nothing but an image, spread over teams: a pull request with ~500 new findings. */
export async function largePullRequest(bundle: string, deployments = 50): Promise<ActionOutput> {
  const fixture = await FixtureRepo.create();
  const base = await fixture.commit("base", { "README.md": "# platform\n" });
  const teams = ["checkout", "payments", "search", "recommendations", "notifications"];
  const files: Record<string, string> = {};
  for (let i = 0; i < deployments; i++) {
    const team = teams[i % teams.length] ?? "";
    const name = `${team}-worker-${String(i).padStart(2, "0")}`;
    files[`clusters/production/apps/${team}/${name}/deployment.yaml`] = bareDeployment(
      name,
      `registry.example.com/${team}/${name}:1.${i}.0`,
    );
  }
  const head = await fixture.commit("fifty new workers", files);
  return runOnPullRequest(bundle, { fixture, base, head });
}

async function runOnPullRequest(bundle: string, pull: PullRequestFiles): Promise<ActionOutput> {
  const { owner, repo, fullName } = exampleRepository("pull_request", "opened");
  const mock = new MockGitHub(owner, repo, TOKEN);
  await mock.start();
  try {
    const number = 7;
    const pullFiles = await pull.fixture.pullFiles(pull.base, pull.head);
    mock.state.pullFiles.set(number, pullFiles);
    mock.state.heads.set(number, pull.head);
    await pull.fixture.checkout(pull.head);
    const run = await runAction({
      bundle,
      workspace: pull.fixture.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({
        action: "opened",
        number,
        baseSha: pull.base,
        headSha: pull.head,
        changedFiles: pullFiles.length,
      }),
      apiUrl: mock.url,
      repository: fullName,
      sha: pull.head,
      token: TOKEN,
    });
    if (mock.violations.length > 0) throw new Error(`the Action sent invalid requests:\n${mock.violations.join("\n")}`);
    const comment = lastBody(
      mock.requests,
      /^(POST|PATCH) \/repos\/\{owner\}\/\{repo\}\/issues\/(\{issue_number\}\/comments|comments\/\{comment_id\})$/,
    );
    if (comment === undefined) throw new Error(`the Action wrote no comment (exit ${run.exitCode}):\n${run.stderr}${run.stdout}`);
    const review = mock.requests.findLast(
      (request) => request.operation === "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews" && request.status < 300,
    );
    return {
      comment,
      review: review ? await placeReview(review.body as ReviewRequest, pull, pullFiles) : undefined,
      newFindings: Number(run.outputs["new-findings"] ?? Number.NaN),
    };
  } finally {
    await mock.close();
    await pull.fixture.dispose();
  }
}

function lastBody(requests: readonly RecordedRequest[], operation: RegExp): string | undefined {
  const request = requests.findLast((candidate) => candidate.status < 300 && operation.test(candidate.operation ?? ""));
  const body = (request?.body as { body?: unknown } | undefined)?.body;
  return typeof body === "string" ? body : undefined;
}

interface ReviewRequest {
  readonly body?: string;
  readonly comments?: { path: string; line: number; start_line?: number; body: string }[];
}

/** Each inline comment with what GitHub shows above it: the diff lines up to its line, and the lines a suggestion replaces. */
async function placeReview(
  request: ReviewRequest,
  pull: PullRequestFiles,
  files: readonly PullFile[],
): Promise<ActionOutput["review"]> {
  const threads: ReviewThread[] = [];
  for (const comment of request.comments ?? []) {
    const lines = (await pull.fixture.show(pull.head, comment.path)).split("\n");
    const first = comment.start_line ?? comment.line;
    threads.push({
      path: comment.path,
      line: comment.line,
      ...(comment.start_line ? { startLine: comment.start_line } : {}),
      hunk: hunkUpTo(files.find((file) => file.filename === comment.path)?.patch ?? "", comment.line),
      original: lines.slice(first - 1, comment.line),
      body: comment.body,
    });
  }
  return { body: request.body ?? "", threads };
}

/** The last few diff lines ending at the head's line `line`, as GitHub shows them above a review comment. */
function hunkUpTo(patch: string, line: number, context = 4): string[] {
  const shown: string[] = [];
  let newLine = 0;
  for (const text of patch.split("\n")) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      newLine = Number(header[1]);
      shown.push(text);
      continue;
    }
    if (text.startsWith("-")) {
      shown.push(text);
      continue;
    }
    shown.push(text);
    if (newLine === line) break;
    newLine++;
  }
  const header = shown.findLastIndex((text) => text.startsWith("@@"));
  const body = shown.slice(header + 1);
  return [shown[header] ?? "", ...body.slice(-context)].filter(Boolean);
}
