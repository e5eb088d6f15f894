import { example } from "../../support/github/webhook-examples.js";

export { example };

/**
 * Real webhook payloads from @octokit/webhooks-examples, with only what must match the fixture
 * repository changed: repository, number, base and head shas.
 */

type Json = Record<string, unknown>;

export interface PullRequestShape {
  readonly action: "opened" | "synchronize";
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  readonly changedFiles: number;
  /** owner/name of the head repository; a different one makes it a fork */
  readonly headRepository?: string;
}

/** The example's repository: tests point GITHUB_REPOSITORY and the mock at it. */
export function exampleRepository(event: string, action?: string): { owner: string; repo: string; fullName: string } {
  const repository = example(event, action).repository as { name: string; full_name: string; owner: { login: string } };
  return { owner: repository.owner.login, repo: repository.name, fullName: repository.full_name };
}

export function pullRequestPayload(shape: PullRequestShape): Json {
  const payload = example("pull_request", shape.action);
  const pull = payload.pull_request as Json & { base: Json; head: Json & { repo: Json } };
  payload.number = shape.number;
  pull.number = shape.number;
  pull.changed_files = shape.changedFiles;
  pull.base.sha = shape.baseSha;
  pull.head.sha = shape.headSha;
  if (shape.headRepository) {
    const [owner = "", name = ""] = shape.headRepository.split("/");
    pull.head.repo = {
      ...pull.head.repo,
      full_name: shape.headRepository,
      name,
      fork: true,
      owner: { ...(pull.head.repo.owner as Json), login: owner },
    };
    pull.head.label = `${owner}:${pull.head.ref as string}`;
  }
  return payload;
}

export function pushPayload(sha: string): Json {
  const payload = example("push");
  payload.after = sha;
  const headCommit = payload.head_commit as Json | null;
  if (headCommit) headCommit.id = sha;
  return payload;
}
