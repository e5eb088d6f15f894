import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle } from "./support/run-action.js";
import {
  bareDeployment as deployment,
  EVERY_OUTPUT,
  expectCleanRun,
  onlyRules,
  type PullRequestScenario,
  pullRequestScenario,
  workflowAnnotations,
} from "./support/scenario.js";

/** Fork pull requests, broken YAML, a flood of findings, and GitHub's secondary rate limit. */

let bundle: string;
const scenarios: PullRequestScenario[] = [];

beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

afterAll(async () => {
  await Promise.all(scenarios.map((scenario) => scenario.dispose()));
});

async function scenario(files: Parameters<typeof pullRequestScenario>[1]): Promise<PullRequestScenario> {
  const created = await pullRequestScenario(bundle, files);
  scenarios.push(created);
  return created;
}

const CONFIG = { ".github/plumbline.yml": onlyRules("image-tag-latest", "yaml-syntax-error") };

describe("a pull request from a fork (read-only token)", () => {
  it("falls back to workflow-command annotations and the job summary, and the job stays green", async () => {
    const pr = await scenario({
      base: { ...CONFIG, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { "deploy/web.yaml": deployment("web", "nginx:latest") },
    });
    pr.mock.state.readOnly = true;
    const run = await pr.run({ headRepository: "octo-fork/Hello-World" });
    expectCleanRun(run, pr.mock);
    expect(run.exitCode).toBe(0);
    // every write was tried once and refused; nothing was stored
    const refused = pr.mock.requests.filter((r) => r.status === 403).map((r) => r.operation);
    // (the check run and the status are opt-in: by default they are not tried at all)
    expect(refused).toEqual([
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    ]);
    expect(pr.mock.state.issueComments).toEqual([]);
    expect(run.stdout).toMatch(
      /::warning::Plumbline could not write the pull request comment: Resource not accessible by integration/,
    );
    expect(run.stdout).toContain("pull-requests: write");
    const annotations = workflowAnnotations(run.stdout);
    expect(annotations).toEqual([
      expect.objectContaining({
        level: "warning",
        file: "deploy/web.yaml",
        line: 16,
        message: expect.stringContaining("nginx:latest"),
      }),
    ]);
    expect(run.summary).toContain("1 new finding");
    expect(run.outputs["new-findings"]).toBe("1");
  }, 90_000);
});

describe("a pull request that breaks YAML", () => {
  it("reports the syntax error inline at its line and fails the check", async () => {
    const broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: [fast\n";
    const pr = await scenario({
      base: { ...CONFIG, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { "deploy/settings.yaml": broken },
    });
    const run = await pr.run({ inputs: EVERY_OUTPUT });
    expectCleanRun(run, pr.mock);
    expect(run.exitCode).toBe(1);
    const [comment] = pr.mock.state.reviewComments;
    expect(comment).toMatchObject({ path: "deploy/settings.yaml" });
    expect(comment?.body).toContain("yaml-syntax-error");
    // the parser places an unclosed bracket one line past the end; the comment goes on the last line
    expect(comment?.line).toBe(6);
    const [check] = pr.mock.state.checkRuns;
    expect(check?.conclusion).toBe("failure");
    // the finding speaks once: it has its inline comment, so the check run does not annotate it too
    expect(check?.annotations).toEqual([]);
    expect(pr.mock.state.statuses[0]).toMatchObject({ state: "failure" });
  }, 90_000);
});

describe("a pull request with 120 new findings", () => {
  it("batches annotations in fifties and trims the comment below GitHub's limit", async () => {
    const dir = `deploy/${"a-rather-long-directory-name-to-fill-the-table/".repeat(2)}`;
    const documents = Array.from({ length: 120 }, (_, i) =>
      deployment(`service-${i}-${"x".repeat(40)}`, `registry.example.com/${"platform-team/".repeat(8)}app-${i}:latest`),
    );
    const pr = await scenario({
      base: { ...CONFIG, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { [`${dir}workloads.yaml`]: documents.join("---\n") },
    });
    const run = await pr.run({ inputs: { "check-run": "true" } });
    expectCleanRun(run, pr.mock);
    expect(run.outputs["new-findings"]).toBe("120");
    // 50 are commented inline; the other 70 are annotated, 50 a request
    const [check] = pr.mock.state.checkRuns;
    expect(check?.batches).toEqual([50, 20]);
    expect(check?.annotations).toHaveLength(70);
    expect(pr.mock.counts()["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]).toBe(1);
    expect(check?.summary.length).toBeLessThanOrEqual(65_535);

    const comment = pr.mock.state.issueComments[0]?.body ?? "";
    expect(comment.length).toBeLessThanOrEqual(65_536);
    const hidden = /…and (\d+) more findings not shown here/.exec(comment);
    expect(hidden, "the comment says how many rows it left out").not.toBeNull();
    const isRow = (line: string) => line.startsWith("| 🟡\u00a0warning | [deploy/");
    const rows = comment.split("\n").filter(isRow);
    expect(rows.length + Number(hidden?.[1])).toBe(120);
    // the table is still well-formed: trimmed by whole rows, the footer intact
    expect(comment.trimEnd().endsWith("</sub>")).toBe(true);
    // the job summary has room for all of them
    expect(run.summary.split("\n").filter(isRow)).toHaveLength(120);
    // every finding is on an added line, but a review is for reading: 50 inline, the rest in the table
    expect(pr.mock.state.reviews).toHaveLength(1);
    expect(pr.mock.state.reviewComments).toHaveLength(50);
    expect(comment).toContain(
      "Of these, 50 are commented inline on the diff; the other 70 are annotated instead (70 past the 50 inline comments a review holds).",
    );
    // 120 new findings: a count per rule comes before the rows
    expect(comment).toMatch(
      /\| Severity \| Rule \| New \|\n\| --- \| --- \| ---: \|\n\| 🟡\u00a0warning \| \[image-tag-latest\]\([^)]*\) \| 120 \|/,
    );
    expect(run.exitCode).toBe(0);
  }, 90_000);
});

describe("GitHub's secondary rate limit", () => {
  it("waits as told by retry-after and sends the request again", async () => {
    const pr = await scenario({
      base: { ...CONFIG, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { "deploy/web.yaml": deployment("web", "nginx:1.27.1") },
    });
    pr.mock.state.secondaryLimitOnce.add("POST /repos/{owner}/{repo}/statuses/{sha}");
    const run = await pr.run({ inputs: { status: "true" } });
    expectCleanRun(run, pr.mock);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/secondary rate limit hit on POST .*statuses.*retrying in 1s/);
    const statuses = pr.mock.requests.filter((r) => r.operation === "POST /repos/{owner}/{repo}/statuses/{sha}");
    expect(statuses.map((r) => r.status)).toEqual([403, 201]);
    expect(pr.mock.state.statuses).toEqual([expect.objectContaining({ sha: pr.head, state: "success" })]);
    // nothing new, nothing fixed: no comment is started for it (an existing one would be kept current)
    expect(pr.mock.state.issueComments).toEqual([]);
  }, 90_000);
});

describe("a pull request that breaks the configuration", () => {
  it("fails the step with an annotation at the bad key, before any GitHub request", async () => {
    const pr = await scenario({
      base: { ...CONFIG, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { ".github/plumbline.yml": "rules:\n  image-tag-latest: sometimes\n" },
    });
    const run = await pr.run();
    expectCleanRun(run, pr.mock);
    expect(run.exitCode).toBe(1);
    expect(workflowAnnotations(run.stdout)).toEqual([
      expect.objectContaining({ level: "error", file: ".github/plumbline.yml", line: 2 }),
    ]);
    expect(run.stdout).toMatch(/::error::Plumbline: invalid configuration/);
    expect(pr.mock.requests).toEqual([]);
  }, 90_000);
});
