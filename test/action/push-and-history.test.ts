import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixtureRepo } from "./support/fixture-repo.js";
import { MockGitHub } from "./support/mock-github.js";
import { example, exampleRepository, pullRequestPayload, pushPayload } from "./support/payloads.js";
import { type ActionRun, buildBundle, runAction } from "./support/run-action.js";
import { edit, exampleFile, expectCleanRun, TOKEN, workflowAnnotations } from "./support/scenario.js";

/**
 * push and workflow_dispatch (the tree as it is), and pull requests whose checkout lacks history:
 * a shallow clone with an origin to fetch from, and one with nothing but the GitHub API.
 */

const { owner, repo, fullName } = exampleRepository("pull_request", "opened");
const NUMBER = 3;

let mock: MockGitHub;
let fixture: FixtureRepo;
let bundle: string;
let base: string;
let head: string;
const clones: string[] = [];

beforeAll(async () => {
  mock = new MockGitHub(owner, repo, TOKEN);
  [fixture, bundle] = await Promise.all([FixtureRepo.create(), buildBundle(), mock.start()]);
  await fixture.copyFrom("examples");
  base = await fixture.commit("base");
  const checkout = await exampleFile("shop/checkout/deployment.yaml");
  head = await fixture.commit("fix a limit, add a latest tag", {
    "examples/shop/checkout/deployment.yaml": edit(checkout, "memory: 1000M", "memory: 1Gi"),
    "examples/shop/extra/job.yaml":
      "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n  namespace: shop\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: once\n          image: busybox\n",
  });
  mock.state.pullFiles.set(NUMBER, await fixture.pullFiles(base, head));
  mock.state.heads.set(NUMBER, head);
}, 60_000);

afterAll(async () => {
  await mock?.close();
  await fixture?.dispose();
  await Promise.all(clones.map((dir) => rm(dir, { recursive: true, force: true })));
});

function treeRun(eventName: string, payload: unknown, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    bundle,
    workspace: fixture.dir,
    eventName,
    payload,
    apiUrl: mock.url,
    repository: fullName,
    sha: head,
    token: TOKEN,
    inputs,
  });
}

describe("push and workflow_dispatch", () => {
  it("push: a check run with every finding on GITHUB_SHA, the job summary, no pull request outputs", async () => {
    await fixture.checkout(head);
    mock.clearRequests();
    const checksBefore = mock.state.checkRuns.length;
    const run = await treeRun("push", pushPayload(head), { "fail-on": "none", "check-run": "true" });
    expectCleanRun(run, mock);
    expect(run.exitCode).toBe(0);
    // no pull request: only the check run is written (created, then updated per 50 annotations)
    const allowed = ["POST /repos/{owner}/{repo}/check-runs", "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"];
    expect(Object.keys(mock.counts()).filter((operation) => !allowed.includes(operation))).toEqual([]);
    const check = mock.state.checkRuns[checksBefore];
    expect(check).toMatchObject({ head_sha: head, name: "Plumbline", conclusion: "success" });
    expect(check?.annotations).toHaveLength(Number(run.outputs.findings));
    expect(run.summary).toContain("Plumbline");
    expect(run.outputs["new-findings"]).toBe("");
    expect(run.outputs["fixed-findings"]).toBe("");
    expect(mock.state.issueComments).toEqual([]);
    expect(mock.state.statuses).toEqual([]);
  }, 90_000);

  it("push with the defaults: no check run, every finding annotated on the job, nothing written to GitHub", async () => {
    await fixture.checkout(head);
    mock.clearRequests();
    const run = await treeRun("push", pushPayload(head), { "fail-on": "none" });
    expectCleanRun(run, mock);
    expect(run.exitCode).toBe(0);
    expect(mock.requests).toEqual([]);
    expect(workflowAnnotations(run.stdout)).toHaveLength(Number(run.outputs.findings));
    expect(run.outputs["sarif-file"]).toBe("");
  }, 90_000);

  it("workflow_dispatch without checks: write falls back to annotations and fails on errors", async () => {
    mock.state.readOnly = true;
    try {
      const run = await treeRun("workflow_dispatch", example("workflow_dispatch"), {
        paths: "examples/shop/extra\nexamples/shop/checkout",
        "check-run": "true",
      });
      expectCleanRun(run, mock);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain("checks: write");
      const files = new Set(workflowAnnotations(run.stdout).map((a) => a.file));
      expect([...files].sort()).toEqual(["examples/shop/checkout/deployment.yaml", "examples/shop/extra/job.yaml"]);
    } finally {
      mock.state.readOnly = false;
    }
  }, 90_000);
});

describe("a pull request checked out without its history", () => {
  async function runOn(workspace: string): Promise<ActionRun> {
    return runAction({
      bundle,
      workspace,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number: NUMBER, baseSha: base, headSha: head, changedFiles: 2 }),
      apiUrl: mock.url,
      repository: fullName,
      sha: head,
      token: TOKEN,
      inputs: { "fail-on": "none" },
    });
  }

  let full: ActionRun;

  it("with the full history (reference run)", async () => {
    await fixture.checkout(head);
    full = await runOn(fixture.dir);
    expectCleanRun(full, mock);
    expect(full.outputs["fixed-findings"]).toBe("1");
  }, 90_000);

  it("shallow clone with an origin: the base is fetched by sha, the result is the same", async () => {
    const clone = await fixture.shallowClone(head, { withOrigin: true });
    clones.push(clone);
    mock.clearRequests();
    const run = await runOn(clone);
    expectCleanRun(run, mock);
    expect(run.stdout).toContain(`Fetching ${base.slice(0, 7)} from origin`);
    const { "sarif-file": _sarif, ...outputs } = run.outputs;
    const { "sarif-file": _fullSarif, ...fullOutputs } = full.outputs;
    expect(outputs).toEqual(fullOutputs);
    expect(mock.counts()["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"]).toBeUndefined();
  }, 90_000);

  it("shallow clone without an origin: the base comes from the Git Data API, the result is the same", async () => {
    const clone = await fixture.shallowClone(head, { withOrigin: false });
    clones.push(clone);
    const { tree, blobs } = await fixture.treeAndBlobs(base);
    mock.state.trees.set(base, tree);
    for (const [sha, content] of blobs) mock.state.blobs.set(sha, content);
    mock.clearRequests();
    const run = await runOn(clone);
    expectCleanRun(run, mock);
    expect(run.stdout).toContain(`Reading ${base.slice(0, 7)} through the GitHub API`);
    expect(run.outputs["new-findings"]).toBe(full.outputs["new-findings"]);
    expect(run.outputs["fixed-findings"]).toBe(full.outputs["fixed-findings"]);
    const counts = mock.counts();
    expect(counts["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"]).toBe(1);
    // only manifests are downloaded, one blob each
    const manifests = tree.filter((entry) => /\.ya?ml$/.test(entry.path) || entry.path.endsWith("kustomization.yaml"));
    expect(counts["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"]).toBe(manifests.length);
  }, 90_000);
});
