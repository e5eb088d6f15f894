import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type DemoRepository, demoRepository } from "./support/demo-pull-request.js";
import { MockGitHub } from "./support/mock-github.js";
import { exampleRepository, pullRequestPayload } from "./support/payloads.js";
import { ACTION_DEFAULTS, type ActionRun, buildBundle, ROOT, runAction } from "./support/run-action.js";
import { expectCleanRun, TOKEN, workflowAnnotations } from "./support/scenario.js";

/**
 * Each finding speaks once on a pull request (reviewdog's one-reporter convention): with the
 * defaults action.yml declares, a new finding is an inline review comment when the diff shows its
 * line, else an annotation on the job; the sticky comment summarises; nothing else repeats it.
 */

const { owner, repo, fullName } = exampleRepository("pull_request", "opened");

describe("the defaults", () => {
  it("action.yml: review and comment on; check run, commit status and SARIF file opt-in", async () => {
    expect(ACTION_DEFAULTS).toMatchObject({
      review: "true",
      comment: "true",
      "check-run": "false",
      status: "false",
      "sarif-file": "",
    });
  });

  it("docs/action.md's input table states the same defaults as action.yml", async () => {
    const docs = await readFile(path.join(ROOT, "docs/action.md"), "utf8");
    const action = parse(await readFile(path.join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };
    for (const name of Object.keys(action.inputs).filter((input) => input !== "token")) {
      const row = new RegExp(`^\\| \`${name}\` +\\| ([^|]*)\\|`, "m").exec(docs);
      expect(row, `docs/action.md has a row for ${name}`).not.toBeNull();
      const stated = row?.[1]?.trim() ?? "";
      const value = ACTION_DEFAULTS[name] ?? "";
      if (value === "true" || value === "false") expect(stated, name).toBe(`\`${value}\``);
      else if (value === "") expect(stated, name).toMatch(/^(empty|the config's|—)/);
    }
  });
});

describe("a pull request with the default inputs", () => {
  let mock: MockGitHub;
  let demo: DemoRepository;
  let run: ActionRun;

  beforeAll(async () => {
    mock = new MockGitHub(owner, repo, TOKEN);
    let bundle: string;
    [demo, bundle] = await Promise.all([demoRepository(), buildBundle(), mock.start()]);
    mock.state.pullFiles.set(3, await demo.fixture.pullFiles(demo.base, demo.head));
    mock.state.heads.set(3, demo.head);
    await demo.fixture.checkout(demo.head);
    run = await runAction({
      bundle,
      workspace: demo.fixture.dir,
      eventName: "pull_request",
      payload: pullRequestPayload({ action: "opened", number: 3, baseSha: demo.base, headSha: demo.head, changedFiles: 3 }),
      apiUrl: mock.url,
      repository: fullName,
      sha: demo.head,
      token: TOKEN,
    });
  }, 120_000);

  afterAll(async () => {
    await mock?.close();
    await demo?.fixture.dispose();
  });

  it("puts each new finding in exactly one place: an inline comment or, off the diff, an annotation on the job", () => {
    expectCleanRun(run, mock);
    const inline = mock.state.reviewComments.flatMap((comment) =>
      [...comment.body.matchAll(/<!-- plumbline:finding:([0-9a-zA-Z_-]+) -->/g)].map((match) => ({
        fingerprint: match[1],
        path: comment.path,
        body: comment.body,
      })),
    );
    const annotations = workflowAnnotations(run.stdout);
    expect(inline.length).toBeGreaterThan(0);
    expect(annotations.length).toBeGreaterThan(0);
    expect(new Set(inline.map((entry) => entry.fingerprint)).size).toBe(inline.length);
    expect(inline.length + annotations.length).toBe(Number(run.outputs["new-findings"]));
    // the annotated finding is the one whose line the diff does not show (the dropped probe)
    expect(annotations.map((a) => a.file)).toEqual(["examples/shop/frontend/deployment.yaml"]);
    expect(inline.every((entry) => entry.path !== "examples/shop/frontend/deployment.yaml")).toBe(true);
  });

  it("adds one check entry at most: no check run, no commit status, no SARIF file", () => {
    expect(mock.state.checkRuns).toEqual([]);
    expect(mock.state.statuses).toEqual([]);
    expect(Object.keys(mock.counts()).filter((operation) => /check-runs|statuses/.test(operation))).toEqual([]);
    expect(run.outputs["sarif-file"]).toBe("");
    // the gate is the job's own result
    expect(run.exitCode).toBe(1);
    expect(mock.state.issueComments).toHaveLength(1);
  });
});
