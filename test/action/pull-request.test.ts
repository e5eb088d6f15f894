import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STICKY_MARKER } from "../../src/review/index.js";
import { githubSarifProblems } from "../report/sarif-github.js";
import { CACHE, type DemoRepository, demoRepository } from "./support/demo-pull-request.js";
import type { FixtureRepo } from "./support/fixture-repo.js";
import { MockGitHub } from "./support/mock-github.js";
import { exampleRepository, pullRequestPayload } from "./support/payloads.js";
import { type ActionRun, buildBundle, runAction } from "./support/run-action.js";
import { EVERY_OUTPUT, edit, expectCleanRun, TOKEN } from "./support/scenario.js";

/**
 * The examples/ pull request, run three times as GitHub would: opened, re-run on the same head,
 * then a new commit. The workspace is the merge commit (actions/checkout's default for pull
 * requests); the reports must go to the head sha all the same.
 */

const { owner, repo, fullName } = exampleRepository("pull_request", "opened");
const NUMBER = 7;

let mock: MockGitHub;
let fixture: FixtureRepo;
let bundle: string;
let base: string;
let head: string;
let merge: string;

beforeAll(async () => {
  mock = new MockGitHub(owner, repo, TOKEN);
  let demo: DemoRepository;
  [demo, bundle] = await Promise.all([demoRepository(), buildBundle(), mock.start()]);
  ({ fixture, base, head } = demo);
  merge = await fixture.mergeCommit(base, head);
  mock.state.pullFiles.set(NUMBER, await fixture.pullFiles(base, head));
  mock.state.heads.set(NUMBER, head);
}, 60_000);

afterAll(async () => {
  await mock?.close();
  await fixture?.dispose();
});

function runPullRequest(action: "opened" | "synchronize", headSha: string): Promise<ActionRun> {
  return runAction({
    bundle,
    workspace: fixture.dir,
    eventName: "pull_request",
    payload: pullRequestPayload({ action, number: NUMBER, baseSha: base, headSha, changedFiles: 3 }),
    apiUrl: mock.url,
    repository: fullName,
    sha: merge,
    token: TOKEN,
    // every output on: the defaults (one voice per finding) have their own test
    inputs: EVERY_OUTPUT,
  });
}

describe("a pull request on examples/", () => {
  let first: ActionRun;

  it("first run: one sticky comment, one review, a check run and a status, all on the head sha", async () => {
    first = await runPullRequest("opened", head);
    expectCleanRun(first, mock);
    // memory limit below request in the new cache Deployment is an error: the gate fails
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toMatch(/::error::Plumbline: \d+ findings? at or above fail-on \(error\)/);

    expect(mock.state.issueComments).toHaveLength(1);
    const body = mock.state.issueComments[0]?.body ?? "";
    expect(body.startsWith(STICKY_MARKER)).toBe(true);
    // the text as read: the break opportunities in long paths show nothing
    const comment = body.replaceAll("<wbr>", "");
    expect(comment).toContain("#### New in this pull request");
    expect(comment).toMatch(/examples\/shop\/cache\/deployment\.yaml:\d+/);
    expect(comment).toContain("#### Fixed in this pull request");
    expect(comment).toMatch(/checkout[^\n]*memory-limit-below-request/);
    expect(comment).toContain("<summary>Already there before this pull request:");
    expect(comment.length).toBeLessThanOrEqual(65_536);

    // outside the diff: the dropped probe is reported at the container's line, far from the hunk
    const outside = /\| [^\n]*examples\/shop\/frontend\/deployment\.yaml:(\d+)[^\n]*liveness-probe-missing/.exec(comment);
    expect(outside, "the liveness finding is listed in the comment").not.toBeNull();
    const outsideLine = Number(outside?.[1]);
    expect(mock.state.reviewComments.some((c) => c.path.endsWith("frontend/deployment.yaml"))).toBe(false);
    expect(comment).toMatch(/on lines? this pull request does not change/);

    expect(mock.state.reviews).toHaveLength(1);
    expect(mock.state.reviews[0]).toMatchObject({ commit_id: head, event: "COMMENT" });
    const inline = mock.state.reviewComments;
    expect(inline.length).toBeGreaterThanOrEqual(3);
    for (const c of inline) {
      expect(c.path).toBe("examples/shop/cache/deployment.yaml");
      expect(c.body).toMatch(/^<!-- plumbline:finding:[0-9a-f]+ -->/);
    }
    expect(outsideLine).toBeGreaterThan(0);

    // the removed API comes with a one-line suggestion, taken from the edit engine
    const pdb = inline.find((c) => c.body.includes("api-removed"));
    expect(pdb?.body).toContain("```suggestion\napiVersion: policy/v1\n```");
    expect(pdb?.line).toBe(CACHE.split("\n").indexOf("apiVersion: policy/v1beta1") + 1);

    expect(mock.state.checkRuns).toHaveLength(1);
    const run = mock.state.checkRuns[0];
    expect(run).toMatchObject({ name: "Plumbline", head_sha: head, conclusion: "failure" });
    // one voice: the check run annotates only the new findings that have no inline comment
    const inlineFingerprints = inline.flatMap((c) => [...c.body.matchAll(/plumbline:finding:([0-9a-f]+)/g)].map((m) => m[1]));
    expect(run?.annotations.length).toBe(newCount(first) - inlineFingerprints.length);
    expect(run?.annotations.length).toBeGreaterThan(0);
    expect(run?.annotations.every((a) => typeof a.path === "string" && (a.path as string).startsWith("examples/"))).toBe(true);

    expect(mock.state.statuses).toHaveLength(1);
    expect(mock.state.statuses[0]).toMatchObject({ sha: head, state: "failure", context: "Plumbline" });
    expect(mock.state.statuses[0]?.description.length).toBeLessThanOrEqual(140);

    // the whole conversation with GitHub for one run
    expect(mock.counts()).toEqual({
      "POST /graphql": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments": 1,
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "POST /repos/{owner}/{repo}/statuses/{sha}": 1,
    });
    // nothing is reported against GITHUB_SHA (the merge commit)
    expect(mock.requests.some((r) => r.url.includes(merge) || JSON.stringify(r.body ?? "").includes(merge))).toBe(false);

    expect(first.summary).toContain("Plumbline");
    expect(first.summary).not.toContain(STICKY_MARKER);
    expect(Number(first.outputs["fixed-findings"])).toBeGreaterThanOrEqual(1);
    expect(Number(first.outputs.findings)).toBeGreaterThan(newCount(first));
    expect(Number(first.outputs.score)).toBeGreaterThanOrEqual(0);
    expect(Number(first.outputs.score)).toBeLessThanOrEqual(100);
    const sarifPath = first.outputs["sarif-file"] ?? "";
    expect(path.isAbsolute(sarifPath)).toBe(true);
    const sarif = JSON.parse(await readFile(sarifPath, "utf8"));
    expect(sarif.runs[0].results).toHaveLength(Number(first.outputs.findings));
    // the Action's SARIF is made from head's texts: GitHub's line hashes and regions, like the CLI's
    expect(githubSarifProblems(sarif, { lineHashes: true })).toEqual([]);
    expect(
      sarif.runs[0].results.every(
        (result: { partialFingerprints: object }) => "primaryLocationLineHash" in result.partialFingerprints,
      ),
    ).toBe(true);
  }, 90_000);

  it("second run on the same head: the comment is edited, nothing is posted twice", async () => {
    const commentId = mock.state.issueComments[0]?.id;
    const reviewComments = mock.state.reviewComments.length;
    mock.clearRequests();
    const second = await runPullRequest("synchronize", head);
    expectCleanRun(second, mock);
    expect(second.exitCode).toBe(1);
    expect(mock.state.issueComments).toHaveLength(1);
    expect(mock.state.issueComments[0]?.id).toBe(commentId);
    expect(mock.counts()).toEqual({
      "POST /graphql": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "POST /repos/{owner}/{repo}/statuses/{sha}": 1,
    });
    expect(mock.state.reviews).toHaveLength(1);
    expect(mock.state.reviewComments).toHaveLength(reviewComments);
    expect(mock.counts()["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"]).toBeUndefined();
  }, 90_000);

  it("a new commit that fixes an old finding: the comment shows it as fixed", async () => {
    const checkout = await fixture.show(head, "examples/shop/checkout/deployment.yaml");
    const next = await fixture.commit("pin the checkout image", {
      "examples/shop/checkout/deployment.yaml": edit(checkout, "image: example/checkout:latest", "image: example/checkout:2.3.1"),
    });
    const nextMerge = await fixture.mergeCommit(base, next);
    mock.state.pullFiles.set(NUMBER, await fixture.pullFiles(base, next));
    mock.state.heads.set(NUMBER, next);
    const fixedBefore = Number(first.outputs["fixed-findings"]);
    const third = await runAction({
      bundle,
      workspace: fixture.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "synchronize", number: NUMBER, baseSha: base, headSha: next, changedFiles: 3 }),
      apiUrl: mock.url,
      repository: fullName,
      sha: nextMerge,
      token: TOKEN,
      inputs: EVERY_OUTPUT,
    });
    expectCleanRun(third, mock);
    expect(Number(third.outputs["fixed-findings"])).toBe(fixedBefore + 1);
    const comment = mock.state.issueComments[0]?.body ?? "";
    expect(mock.state.issueComments).toHaveLength(1);
    const fixedSection = comment.slice(comment.indexOf("#### Fixed in this pull request"), comment.indexOf("<details>"));
    expect(fixedSection).toMatch(/checkout[^\n]*image-tag-latest/);
    // links to fixed findings point at the base, where they still are
    expect(fixedSection).toContain(`/blob/${base}/examples/shop/checkout/deployment.yaml#L`);
    // the new commit brought no new finding, so the inline comments stay as they were
    expect(mock.state.reviews).toHaveLength(1);
    expect(mock.state.checkRuns.at(-1)?.head_sha).toBe(next);
    expect(mock.state.statuses.at(-1)?.sha).toBe(next);
  }, 90_000);
});

function newCount(run: ActionRun): number {
  return Number(run.outputs["new-findings"]);
}
