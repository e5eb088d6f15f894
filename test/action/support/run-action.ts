import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parse } from "yaml";

/** The repository root: found upwards, so this module also works when bundled elsewhere in the tree. */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "scripts", "bundle.js")) && existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}
const GUARD = path.join(ROOT, "test/action/support/network-guard.mjs");

/**
 * Builds the Action exactly as `npm run bundle` does, into a temporary file: the tests run the
 * real entry point and the real bundle (the staleness test proves dist/index.js is the same bytes).
 */
export async function buildBundle(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "plumbline-bundle-"));
  const outfile = path.join(dir, "index.js");
  await promisify(execFile)(process.execPath, [path.join(ROOT, "scripts/bundle.js"), "--outfile", outfile], { cwd: ROOT });
  return outfile;
}

export interface ActionRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  /** hosts outside 127.0.0.0/8 the Action tried to reach (always expected empty) */
  readonly blockedHosts: string[];
}

export interface RunOptions {
  readonly bundle: string;
  readonly workspace: string;
  readonly eventName: string;
  readonly payload: unknown;
  readonly apiUrl: string;
  readonly repository: string;
  /** GITHUB_SHA: for pull requests the merge commit, which reports must NOT use */
  readonly sha: string;
  readonly token: string;
  /** `with:` values by input name, e.g. { "fail-on": "warning" } */
  readonly inputs?: Record<string, string>;
}

/** The defaults action.yml declares, read from it, as the runner passes them: the tests run what users get. */
export const ACTION_DEFAULTS: Record<string, string> = actionDefaults();

function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(path.join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(
    Object.entries(action.inputs)
      // the token's default is a workflow expression; every run passes its own
      .filter(([name]) => name !== "token")
      .map(([name, input]) => [name, String(input.default ?? "")]),
  );
}

/** Runs the bundle as the runner does: a fresh node process, the runner's environment, cwd = workspace. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), "plumbline-runner-"));
  const eventPath = path.join(scratch, "event.json");
  const summaryPath = path.join(scratch, "step-summary.md");
  const outputPath = path.join(scratch, "output.txt");
  const networkLog = path.join(scratch, "network.log");
  await writeFile(eventPath, JSON.stringify(options.payload));
  await Promise.all([summaryPath, outputPath, networkLog].map((file) => writeFile(file, "")));
  const inputs = { ...ACTION_DEFAULTS, token: options.token, ...options.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: scratch,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_REPOSITORY_OWNER: options.repository.split("/")[0],
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_SHA: options.sha,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: scratch,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    PLUMBLINE_NETWORK_LOG: networkLog,
  };
  // the runner's naming: INPUT_ + upper case, spaces to underscores, hyphens kept
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;

  const child = spawn(process.execPath, ["--import", GUARD, options.bundle], { cwd: options.workspace, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    exitCode,
    stdout,
    stderr,
    summary: await readFile(summaryPath, "utf8"),
    outputs: parseOutputFile(await readFile(outputPath, "utf8")),
    blockedHosts: (await readFile(networkLog, "utf8")).split("\n").filter(Boolean),
  };
}

/** GITHUB_OUTPUT's `name<<delimiter` … `delimiter` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!match?.[1] || !match[2]) continue;
    const value: string[] = [];
    for (i += 1; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? "");
    outputs[match[1]] = value.join("\n");
  }
  return outputs;
}
