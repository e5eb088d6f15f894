import { describe, expect, it } from "vitest";
import type { CheckAnnotation } from "../../src/forge/platform.js";
import { MAX_ANNOTATIONS, upsertCheckRun, writeCheckRun } from "../../src/github/check-run.js";
import { ANNOTATION_MESSAGE_BYTES, CHECK_RUN_TEXT_CHARACTERS, CHECK_RUN_TITLE_CHARACTERS } from "../../src/github/limits.js";
import { type GitHubDouble, REPO, useGitHubDouble } from "./support/github-double.js";

const CREATE = "POST /repos/{owner}/{repo}/check-runs";
const UPDATE = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";
const LIST = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
const SHA = "a".repeat(40);

function annotation(index: number, message = `finding ${index}`): CheckAnnotation {
  return {
    path: "deploy/web.yaml",
    start_line: index + 1,
    end_line: index + 1,
    annotation_level: "warning",
    title: "r",
    message,
  };
}

interface Run {
  id: number;
  name: string;
  external_id: string | null;
  conclusion: string | null;
  output: { title: string | null; summary: string | null };
}

/** Check runs kept as GitHub keeps them: listed newest first by name, updated in place. */
function serveChecks(github: GitHubDouble, runs: Run[]): void {
  github
    .on(LIST, ({ url }) => {
      const named = runs.filter((run) => run.name === url.searchParams.get("check_name")).reverse();
      return [
        200,
        { total_count: named.length, check_runs: named.map((run) => ({ ...run, head_sha: SHA, status: "completed" })) },
      ];
    })
    .on(CREATE, ({ body }) => {
      const output = body.output as Run["output"];
      const run = {
        id: 100 + runs.length,
        name: String(body.name),
        external_id: (body.external_id as string) ?? null,
        conclusion: String(body.conclusion),
        output,
      };
      runs.push(run);
      return [201, { id: run.id, head_sha: SHA, name: run.name, status: "completed" }];
    })
    .on(UPDATE, ({ params, body }) => {
      const run = runs.find((candidate) => candidate.id === Number(params.check_run_id));
      if (!run) return [404, { message: "Not Found" }];
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.external_id) run.external_id = String(body.external_id);
      run.output = body.output as Run["output"];
      return [200, { id: run.id, head_sha: SHA, name: run.name }];
    });
}

const double = useGitHubDouble();

describe("a new check run (no external id)", () => {
  it("creates it with the first 50 annotations and appends the rest 50 at a time, each update repeating title and summary", async () => {
    const github = double();
    serveChecks(github, []);
    const written = await writeCheckRun(github.client(), REPO, {
      name: "Plumbline",
      headSha: SHA,
      conclusion: "failure",
      title: "120 findings",
      summary: "the table",
      annotations: Array.from({ length: 120 }, (_, index) => annotation(index)),
      detailsUrl: "https://example.test/run/1",
    });
    expect(written).toEqual({ id: 100, result: "created" });
    const sizes = [...github.bodies(CREATE), ...github.bodies(UPDATE)].map(
      (body) => ((body.output as { annotations?: unknown[] }).annotations ?? []).length,
    );
    expect(sizes).toEqual([50, 50, 20]);
    for (const body of github.bodies(UPDATE)) expect(body.output).toMatchObject({ title: "120 findings", summary: "the table" });
    expect(github.bodies(CREATE)[0]).toMatchObject({ details_url: "https://example.test/run/1", status: "completed" });
    expect(github.bodies(LIST)).toEqual([]);
  });

  it("cuts text to GitHub's limits and stops at MAX_ANNOTATIONS", async () => {
    const github = double();
    serveChecks(github, []);
    await writeCheckRun(github.client(), REPO, {
      name: "Plumbline",
      headSha: SHA,
      conclusion: "neutral",
      title: "t".repeat(400),
      summary: "s".repeat(70_000),
      annotations: Array.from({ length: MAX_ANNOTATIONS + 7 }, (_, index) =>
        annotation(index, index === 0 ? "m".repeat(70_000) : "m"),
      ),
    });
    const outputs = [...github.bodies(CREATE), ...github.bodies(UPDATE)].map(
      (body) => body.output as { title: string; summary: string; annotations: CheckAnnotation[] },
    );
    expect(outputs[0]?.title).toHaveLength(CHECK_RUN_TITLE_CHARACTERS);
    expect(outputs[0]?.summary).toHaveLength(CHECK_RUN_TEXT_CHARACTERS);
    const sent = outputs.flatMap((output) => output.annotations);
    expect(sent).toHaveLength(MAX_ANNOTATIONS);
    expect(Buffer.byteLength(sent[0]?.message ?? "")).toBe(ANNOTATION_MESSAGE_BYTES);
  });
});

describe("a check run kept in place (external id)", () => {
  const report = {
    name: "Plumbline drift (prod)",
    headSha: SHA,
    conclusion: "neutral" as const,
    title: "2 objects drifted",
    summary: "the table",
    externalId: "drift:abc",
  };

  it("is created once, then left alone while the result is the same, then updated in place", async () => {
    const github = double();
    const runs: Run[] = [];
    serveChecks(github, runs);
    const client = github.client();
    expect(await upsertCheckRun(client, REPO, report)).toBe("created");
    expect(await upsertCheckRun(client, REPO, report)).toBe("unchanged");
    expect(github.bodies(CREATE)).toHaveLength(1);
    expect(github.bodies(UPDATE)).toHaveLength(0);
    expect(
      await upsertCheckRun(client, REPO, { ...report, conclusion: "success", title: "matches Git", externalId: "drift:none" }),
    ).toBe("updated");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ conclusion: "success", external_id: "drift:none", output: { title: "matches Git" } });
  });

  it("is not created twice when GitHub answers a create it did apply with a 5xx", async () => {
    const github = double();
    const runs: Run[] = [];
    serveChecks(github, runs);
    github.loseAnswerOnce(CREATE, 502);
    expect(await upsertCheckRun(github.client(), REPO, report)).toBe("created");
    expect(runs).toHaveLength(1);
    expect(github.bodies(CREATE)).toHaveLength(1);
  });
});
