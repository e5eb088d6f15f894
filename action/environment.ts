import { readFile } from "node:fs/promises";

/** What the runner tells every step through its environment: read once, plain data afterwards. */
export interface RunnerEnvironment {
  readonly eventName: string;
  readonly eventPath: string | undefined;
  /** the checkout: every path the user gives is relative to it */
  readonly workspace: string;
  readonly apiUrl: string;
  readonly serverUrl: string;
  readonly repository: Repository;
  /** for pull requests this is the merge commit, never the head: reports go to the head sha */
  readonly sha: string;
  readonly runUrl: string | undefined;
  /** where temporary trees go; RUNNER_TEMP is emptied by the runner after every job */
  readonly tempDir: string | undefined;
}

export interface Repository {
  readonly owner: string;
  readonly repo: string;
}

export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

export function readRunnerEnvironment(env: NodeJS.ProcessEnv = process.env): RunnerEnvironment {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new EnvironmentError(`${name} is not set: Plumbline runs as a step of a GitHub Actions job`);
    return value;
  };
  const [owner, repo, ...rest] = required("GITHUB_REPOSITORY").split("/");
  if (!owner || !repo || rest.length > 0) throw new EnvironmentError(`GITHUB_REPOSITORY must be owner/name`);
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID;
  return {
    eventName: required("GITHUB_EVENT_NAME"),
    eventPath: env.GITHUB_EVENT_PATH || undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    serverUrl,
    repository: { owner, repo },
    sha: required("GITHUB_SHA"),
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    tempDir: env.RUNNER_TEMP || undefined,
  };
}

/** What started the run, reduced to what Plumbline acts on. */
export type Trigger = PullRequestTrigger | TreeTrigger;

export interface PullRequestTrigger {
  readonly kind: "pull_request";
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  /** owner/name of the repository the head branch lives in */
  readonly headRepository: string;
  /** a fork's token is read-only under `pull_request`: writes are expected to fail */
  readonly fromFork: boolean;
  /** what GitHub counts; `pulls.listFiles` stops at 3,000 */
  readonly changedFiles: number | undefined;
}

/** push, workflow_dispatch, schedule and the rest: the checked-out tree at GITHUB_SHA. */
export interface TreeTrigger {
  readonly kind: "tree";
  readonly sha: string;
}

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export async function readTrigger(environment: RunnerEnvironment): Promise<Trigger> {
  if (!PULL_REQUEST_EVENTS.has(environment.eventName)) return { kind: "tree", sha: environment.sha };
  if (!environment.eventPath) throw new EnvironmentError("GITHUB_EVENT_PATH is not set for a pull request event");
  const payload = JSON.parse(await readFile(environment.eventPath, "utf8")) as PullRequestPayload;
  const pull = payload.pull_request;
  if (!pull) throw new EnvironmentError(`the ${environment.eventName} payload has no pull_request`);
  const baseSha = pull.base?.sha ?? "";
  const headSha = pull.head?.sha ?? "";
  // the shas reach git's command line: accept nothing but object names
  if (!SHA.test(baseSha) || !SHA.test(headSha)) throw new EnvironmentError("the pull request payload has no base or head sha");
  const baseRepository = pull.base?.repo?.full_name ?? `${environment.repository.owner}/${environment.repository.repo}`;
  const headRepository = pull.head?.repo?.full_name ?? "";
  return {
    kind: "pull_request",
    number: pull.number,
    baseSha,
    headSha,
    headRepository,
    fromFork: headRepository.toLowerCase() !== baseRepository.toLowerCase(),
    changedFiles: typeof pull.changed_files === "number" ? pull.changed_files : undefined,
  };
}

/** The few fields of the webhook payload Plumbline reads. */
interface PullRequestPayload {
  readonly pull_request?: {
    readonly number: number;
    readonly changed_files?: number;
    readonly base?: { readonly sha?: string; readonly repo?: { readonly full_name?: string } };
    readonly head?: { readonly sha?: string; readonly repo?: { readonly full_name?: string } | null };
  };
}
