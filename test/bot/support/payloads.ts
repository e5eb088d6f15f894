import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { example } from "../../support/github/webhook-examples.js";
import { OWNER, REPO } from "./harness.js";

/**
 * Real webhook payloads from @octokit/webhooks-examples, pointed at the fake repository and
 * installation; only what the scenario is about is changed.
 */

type Json = Record<string, unknown>;

function onRepository(payload: Json, installationId: number): Json {
  const repository = payload.repository as Json & { owner: Json };
  repository.name = REPO;
  repository.full_name = `${OWNER}/${REPO}`;
  repository.owner.login = OWNER;
  repository.owner.name = OWNER;
  repository.default_branch = "main";
  payload.installation = { id: installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
  return payload;
}

/** A push to `ref` whose one commit touches `files`. */
export function pushPayload(installationId: number, ref: string, files: readonly string[]): Json {
  const payload = onRepository(structuredClone(pushWithCommit()), installationId);
  payload.ref = ref;
  const commit = (payload.commits as Json[])[0] as Json;
  commit.added = [];
  commit.removed = [];
  commit.modified = [...files];
  payload.head_commit = commit;
  return payload;
}

/** The first push example that carries a commit (`example` gives the first, a tag push). */
function pushWithCommit(): Json {
  const require = createRequire(import.meta.url);
  const groups = JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8")) as {
    name: string;
    examples: Json[];
  }[];
  const found = groups
    .find((group) => group.name === "push")
    ?.examples.find((candidate) => (candidate.commits as unknown[]).length > 0);
  if (!found) throw new Error("no push example with commits");
  return found;
}

export function commentPayload(
  installationId: number,
  body: string,
  user: { login: string; type?: "User" | "Bot" },
  issueNumber = 7,
): Json {
  const payload = onRepository(example("issue_comment", "created"), installationId);
  const comment = payload.comment as Json & { user: Json };
  comment.body = body;
  comment.user.login = user.login;
  comment.user.type = user.type ?? "User";
  (payload.sender as Json).login = user.login;
  (payload.sender as Json).type = user.type ?? "User";
  (payload.issue as Json).number = issueNumber;
  return payload;
}

export function pullClosedPayload(
  installationId: number,
  pull: { number: number; body: string; head: string; merged: boolean },
  sender: { login: string; type: "User" | "Bot" },
): Json {
  const payload = onRepository(example("pull_request", "closed"), installationId);
  const request = payload.pull_request as Json & { head: Json };
  payload.number = pull.number;
  request.number = pull.number;
  request.body = pull.body;
  request.merged = pull.merged;
  request.head.ref = pull.head;
  (payload.sender as Json).login = sender.login;
  (payload.sender as Json).type = sender.type;
  return payload;
}

export function installationPayload(installationId: number): Json {
  const payload = example("installation", "created");
  (payload.installation as Json).id = installationId;
  payload.repositories = [{ id: 1000, node_id: "x", name: REPO, full_name: `${OWNER}/${REPO}`, private: false }];
  return payload;
}

/** `issues.edited` from `sender`: the issue's body is now `body`, and was `from`. */
export function issueEditedPayload(
  installationId: number,
  issue: { number: number; body: string; author: string },
  from: string,
  sender: { login: string; type?: "User" | "Bot" },
): Json {
  const payload = onRepository(example("issues", "edited"), installationId);
  const edited = payload.issue as Json & { user: Json };
  edited.number = issue.number;
  edited.body = issue.body;
  edited.user.login = issue.author;
  payload.changes = { body: { from } };
  (payload.sender as Json).login = sender.login;
  (payload.sender as Json).type = sender.type ?? "User";
  return payload;
}
