import { expect } from "vitest";
import { ALL_RULES } from "../../../src/rules/registry.js";
import { FixtureRepo } from "./fixture-repo.js";
import { MockGitHub } from "./mock-github.js";
import { exampleRepository, pullRequestPayload } from "./payloads.js";
import { type ActionRun, runAction } from "./run-action.js";

/** A token shaped like a real one: it must never appear in anything the step leaves behind. */
export const TOKEN = "ghs_plumblineTestToken0123456789abcdefABCDEF";

export { edit, exampleFile } from "./demo-pull-request.js";

/** The opt-in outputs, all on: a check run, a commit status and the SARIF file (see docs/action.md). */
export const EVERY_OUTPUT: Readonly<Record<string, string>> = {
  "check-run": "true",
  status: "true",
  "sarif-file": "plumbline.sarif",
};

/** What every run must satisfy: valid requests only, loopback only, no token anywhere. */
export function expectCleanRun(run: ActionRun, mock: MockGitHub): void {
  expect(mock.violations).toEqual([]);
  expect(run.blockedHosts).toEqual([]);
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
    expect(text).not.toContain(TOKEN);
  }
}

/** `::warning file=...,line=3::message` lines: the workflow-command annotations a run printed. */
export function workflowAnnotations(stdout: string): { level: string; file: string; line: number; message: string }[] {
  return [...stdout.matchAll(/^::(error|warning|notice) (.*?)::(.*)$/gm)].flatMap((match) => {
    const properties = Object.fromEntries(
      (match[2] ?? "").split(",").map((pair) => {
        const [key = "", ...rest] = pair.split("=");
        return [key, rest.join("=")];
      }),
    );
    if (!properties.file) return [];
    return [{ level: match[1] ?? "", file: properties.file, line: Number(properties.line), message: match[3] ?? "" }];
  });
}

/** `.github/plumbline.yml` with every rule off but `keep`: findings counted exactly, whatever rules are added later. */
export function onlyRules(...keep: string[]): string {
  const lines = ALL_RULES.filter((rule) => !keep.includes(rule.id)).map((rule) => `  ${rule.id}: off`);
  return `rules:\n${lines.join("\n")}\n`;
}

export interface PullRequestScenario {
  readonly mock: MockGitHub;
  readonly fixture: FixtureRepo;
  readonly base: string;
  readonly head: string;
  readonly number: number;
  run(options?: {
    inputs?: Record<string, string>;
    headRepository?: string;
    workspace?: string;
    changedFiles?: number;
  }): Promise<ActionRun>;
  dispose(): Promise<void>;
}

/**
 * A repository with a base commit and a head commit, a mock that knows the pull request, and a
 * way to run the Action on it. The workspace is checked out at the head, as `ref: head.sha` does.
 */
export async function pullRequestScenario(
  bundle: string,
  files: { base: Record<string, string>; head: Record<string, string | null> },
): Promise<PullRequestScenario> {
  const { owner, repo, fullName } = exampleRepository("pull_request", "opened");
  const mock = new MockGitHub(owner, repo, TOKEN);
  await mock.start();
  const fixture = await FixtureRepo.create();
  const base = await fixture.commit("base", files.base);
  const head = await fixture.commit("head", files.head);
  const number = 11;
  const pullFiles = await fixture.pullFiles(base, head);
  mock.state.pullFiles.set(number, pullFiles);
  mock.state.heads.set(number, head);
  return {
    mock,
    fixture,
    base,
    head,
    number,
    run: (options = {}) =>
      runAction({
        bundle,
        workspace: options.workspace ?? fixture.dir,
        eventName: "pull_request",
        payload: pullRequestPayload({
          action: "opened",
          number,
          baseSha: base,
          headSha: head,
          changedFiles: options.changedFiles ?? pullFiles.length,
          ...(options.headRepository ? { headRepository: options.headRepository } : {}),
        }),
        apiUrl: mock.url,
        repository: fullName,
        sha: head,
        token: TOKEN,
        ...(options.inputs ? { inputs: options.inputs } : {}),
      }),
    dispose: async () => {
      await mock.close();
      await fixture.dispose();
    },
  };
}

/** A Deployment with nothing but a name and an image: findings of every readiness rule that a bare pod earns. */
export function bareDeployment(name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: ${image}
`;
}
