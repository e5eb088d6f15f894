import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/load.js";
import { findingMarker, STICKY_MARKER } from "../../src/review/index.js";
import { BOT, type StoredComment } from "./support/mock-github.js";
import { buildBundle } from "./support/run-action.js";
import {
  bareDeployment as deployment,
  expectCleanRun,
  onlyRules,
  type PullRequestScenario,
  pullRequestScenario,
} from "./support/scenario.js";

/**
 * What a pull request controls (its files, links among them, its configuration, comments anyone can
 * post) must not turn the Action against the runner or switch off the gate that judges it.
 */

let bundle: string;
let outside: string;
const scenarios: PullRequestScenario[] = [];

beforeAll(async () => {
  bundle = await buildBundle();
  outside = await mkdtemp(path.join(tmpdir(), "plumbline-runner-files-"));
}, 60_000);

afterAll(async () => {
  await Promise.all(scenarios.map((scenario) => scenario.dispose()));
  await rm(outside, { recursive: true, force: true });
});

async function scenario(files: Parameters<typeof pullRequestScenario>[1]): Promise<PullRequestScenario> {
  const created = await pullRequestScenario(bundle, files);
  scenarios.push(created);
  return created;
}

const CONFIG = ".github/plumbline.yml";

describe("the SARIF file and symbolic links in the checkout", () => {
  it("replaces a planted plumbline.sarif link with the report, never writing where it points", async () => {
    const victim = path.join(outside, "victim.sh");
    await writeFile(victim, "echo precious\n");
    const pr = await scenario({
      base: { [CONFIG]: onlyRules("image-tag-latest"), "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { "deploy/web.yaml": deployment("web", "nginx:latest") },
    });
    // what the checkout holds when the pull request adds the link
    await symlink(victim, path.join(pr.fixture.dir, "plumbline.sarif"));
    const run = await pr.run({ inputs: { "sarif-file": "plumbline.sarif" } });
    expectCleanRun(run, pr.mock);
    expect(await readFile(victim, "utf8")).toBe("echo precious\n");
    const written = path.join(pr.fixture.dir, "plumbline.sarif");
    expect((await lstat(written)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(written, "utf8")).version).toBe("2.1.0");
    expect(run.stdout).toMatch(/::warning::plumbline\.sarif was a symbolic link in the checkout/);
  }, 60_000);

  it("fails the step, writing nothing, when a linked directory leads the SARIF file outside the workspace", async () => {
    const elsewhere = path.join(outside, "elsewhere");
    await mkdir(elsewhere);
    const pr = await scenario({
      base: { [CONFIG]: onlyRules("image-tag-latest"), "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { "deploy/web.yaml": deployment("web", "nginx:1.27.1") },
    });
    await symlink(elsewhere, path.join(pr.fixture.dir, "reports"));
    const run = await pr.run({ inputs: { "sarif-file": "reports/deep/plumbline.sarif" } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Plumbline failed: cannot write reports\/deep\/plumbline\.sarif: its directory leads outside/,
    );
    expect(await readdir(elsewhere)).toEqual([]);
  }, 60_000);
});

describe("the gate is judged by the base branch's configuration", () => {
  const strict = `failOn: warning\n${onlyRules("image-tag-latest")}`;

  it("a pull request that turns the gate off is still failed, and told that its change takes effect after merge", async () => {
    const pr = await scenario({
      base: { [CONFIG]: strict, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: {
        // the gate switched off the two ways a configuration can: a lax threshold, the rule off
        [CONFIG]: `failOn: error\n${onlyRules()}`,
        "deploy/web.yaml": deployment("web", "nginx:latest"),
      },
    });
    const run = await pr.run({ inputs: { "check-run": "true" } });
    expectCleanRun(run, pr.mock);
    expect(run.exitCode).toBe(1);
    expect(pr.mock.state.checkRuns.at(-1)?.conclusion).toBe("failure");
    const comment = pr.mock.state.issueComments.at(-1)?.body ?? "";
    expect(comment).toContain(
      "This pull request changes Plumbline's configuration (`.github/plumbline.yml`); it takes effect after merge. Its findings are judged under the base branch's configuration.",
    );
    expect(comment).toContain("image-tag-latest");
    expect(run.summary).toContain("it takes effect after merge");
    expect(run.stdout).toMatch(/::notice::This pull request changes Plumbline's configuration/);
  }, 60_000);

  it("a pull request that adds a configuration is judged under the defaults the base had", async () => {
    const pr = await scenario({
      base: { "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { [CONFIG]: onlyRules(), "deploy/web.yaml": deployment("web", "nginx:1.27.0-broken\n    : [") },
    });
    const run = await pr.run();
    expectCleanRun(run, pr.mock);
    // the YAML error is an error: under the base's defaults (failOn: error) it fails
    expect(run.exitCode).toBe(1);
    expect(pr.mock.state.issueComments.at(-1)?.body).toContain("This pull request adds Plumbline's configuration");
  }, 60_000);

  it("a changed configuration that would not load fails the step at the bad key (it cannot pass the gate that way)", async () => {
    const pr = await scenario({
      base: { [CONFIG]: strict, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { [CONFIG]: "failOn: sometimes\n", "deploy/web.yaml": deployment("web", "nginx:1.27.1") },
    });
    const run = await pr.run();
    expectCleanRun(run, pr.mock);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error title=Plumbline configuration,file=\.github\/plumbline\.yml,line=1/);
  }, 60_000);

  it("a configuration that is a symbolic link to a runner file is refused, not followed", async () => {
    const secret = path.join(outside, "runner-secret.yml");
    await writeFile(secret, "failOn: error\nrules:\n  image-tag-latest: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n");
    const pr = await scenario({
      base: { [CONFIG]: strict, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { [CONFIG]: null, "deploy/web.yaml": deployment("web", "nginx:1.27.1") },
    });
    await symlink(secret, path.join(pr.fixture.dir, CONFIG));
    const run = await pr.run();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("is reached through a symbolic link that leads outside the repository");
    expect(run.stdout).not.toContain("ghp_");
  }, 60_000);

  it("a pull request that leaves the configuration alone gets no note", async () => {
    const pr = await scenario({
      base: { [CONFIG]: strict, "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
      head: { "deploy/web.yaml": deployment("web", "nginx:latest") },
    });
    const run = await pr.run();
    expect(run.exitCode).toBe(1);
    expect(run.summary).not.toContain("Plumbline's configuration");
  }, 60_000);
});

describe("only the Action's own comments are ever edited or trusted", () => {
  const files = {
    base: { [CONFIG]: onlyRules("image-tag-latest"), "deploy/web.yaml": deployment("web", "nginx:1.27.0") },
    head: { "deploy/web.yaml": deployment("web", "nginx:latest") },
  };
  const mallory = { login: "mallory", id: 666, type: "User" as const };
  const otherApp = { login: "evil-app[bot]", id: 667, type: "Bot" as const };

  it("ignores the sticky marker in a user's or another bot's comment, and a pasted finding marker", async () => {
    const pr = await scenario(files);
    const [finding] = (
      await check(["deploy/web.yaml"], {
        cwd: pr.fixture.dir,
        root: pr.fixture.dir,
        config: parseConfig(onlyRules("image-tag-latest"), CONFIG),
      })
    ).findings;
    const planted: StoredComment[] = [
      { id: 1, body: `${STICKY_MARKER}\nApproved, merge at will. [details](https://evil.example)`, user: mallory },
      { id: 2, body: `${STICKY_MARKER}\nAll clear`, user: otherApp },
    ];
    pr.mock.state.issueComments.push(...planted.map((comment) => ({ ...comment })));
    // a finding marker pasted into someone else's review comment must not silence the finding
    pr.mock.state.reviewComments.push({
      id: 3,
      review_id: 4,
      path: "deploy/web.yaml",
      line: 17,
      start_line: null,
      commit_id: pr.head,
      body: findingMarker(finding?.fingerprint ?? ""),
      user: mallory,
    });
    const run = await pr.run();
    expectCleanRun(run, pr.mock);
    expect(pr.mock.state.issueComments.slice(0, 2)).toEqual(planted);
    expect(pr.mock.state.issueComments).toHaveLength(3);
    expect(pr.mock.state.issueComments[2]?.user).toEqual(BOT);
    expect(pr.mock.state.issueComments[2]?.body).toContain("image-tag-latest");
    expect(pr.mock.state.reviewComments.filter((comment) => comment.user.login === BOT.login)).toHaveLength(1);
  }, 60_000);

  it("edits its own comment on the next run", async () => {
    const pr = await scenario(files);
    pr.mock.state.issueComments.push({ id: 1, body: `${STICKY_MARKER}\nfake`, user: mallory });
    await pr.run();
    const run = await pr.run();
    expectCleanRun(run, pr.mock);
    expect(pr.mock.state.issueComments).toHaveLength(2);
    expect(pr.mock.state.issueComments[0]?.body).toBe(`${STICKY_MARKER}\nfake`);
  }, 60_000);

  it("when it cannot tell its own account, it edits nothing and posts a new comment", async () => {
    const pr = await scenario(files);
    await pr.run();
    pr.mock.state.viewer = undefined;
    const run = await pr.run();
    expect(pr.mock.state.issueComments).toHaveLength(2);
    expect(pr.mock.requests.some((r) => r.operation === "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}")).toBe(false);
    expect(run.stdout).toMatch(/::warning::Plumbline cannot tell which account its token acts as/);
  }, 60_000);
});
