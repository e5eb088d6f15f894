import type { FakeIssue, FakePull, FakeRepo, FakeUser } from "./repo.js";
import { NOT_FOUND, type Route, unprocessable } from "./route.js";

/** Pull requests, issues, comments, check runs and permissions. */

function pullJson(repo: FakeRepo, pull: FakePull, baseUrl: string): Record<string, unknown> {
  return {
    number: pull.number,
    html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${pull.number}`,
    url: `${baseUrl}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}`,
    state: pull.state,
    merged_at: pull.merged_at,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    user: pull.user,
    head: { ref: pull.head, sha: repo.git.refs.get(`heads/${pull.head}`) ?? null, label: `${repo.owner}:${pull.head}` },
    base: { ref: pull.base },
    labels: pull.labels.map((name) => ({ name })),
  };
}

function issueJson(repo: FakeRepo, issue: FakeIssue | FakePull): Record<string, unknown> {
  const isPull = "head" in issue;
  return {
    number: issue.number,
    html_url: `https://github.com/${repo.owner}/${repo.name}/${isPull ? "pull" : "issues"}/${issue.number}`,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: issue.user,
    labels: issue.labels.map((name) => ({ name })),
    ...(isPull ? { pull_request: { url: "", merged_at: (issue as FakePull).merged_at } } : {}),
  };
}

function findIssue(repo: FakeRepo, number: number): FakeIssue | FakePull | undefined {
  return repo.issues.find((issue) => issue.number === number) ?? repo.pulls.find((pull) => pull.number === number);
}

function byNewest<T extends { number: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.number - a.number);
}

export const workRoutes: Record<string, Route> = {
  "GET /repos/{owner}/{repo}": ({ repo }) => [
    200,
    {
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      default_branch: repo.defaultBranch,
      owner: { login: repo.owner },
    },
  ],
  "GET /repos/{owner}/{repo}/pulls": ({ repo, url, baseUrl }) => {
    const state = url.searchParams.get("state") ?? "open";
    const head = url.searchParams.get("head");
    const pulls = byNewest(repo.pulls).filter(
      (pull) => (state === "all" || pull.state === state) && (!head || `${repo.owner}:${pull.head}` === head),
    );
    return [200, pulls.map((pull) => pullJson(repo, pull, baseUrl))];
  },
  "POST /repos/{owner}/{repo}/pulls": ({ repo, body, caller, baseUrl }) => {
    const head = String(body.head);
    const headSha = repo.git.refs.get(`heads/${head}`);
    const baseSha = repo.git.refs.get(`heads/${String(body.base)}`);
    if (!headSha || !baseSha) return unprocessable("head or base does not exist");
    if (repo.pulls.some((pull) => pull.state === "open" && pull.head === head))
      return unprocessable(`A pull request already exists for ${repo.owner}:${head}.`);
    if (repo.git.between(baseSha, headSha).length === 0)
      return unprocessable(`No commits between ${String(body.base)} and ${head}`);
    const pull: FakePull = {
      number: repo.number(),
      state: "open",
      merged_at: null,
      head,
      base: String(body.base),
      title: String(body.title),
      body: String(body.body ?? ""),
      draft: body.draft === true,
      user: caller,
      labels: [],
      reviewers: [],
      teams: [],
    };
    repo.pulls.push(pull);
    return [201, pullJson(repo, pull, baseUrl)];
  },
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": ({ repo, params, body, baseUrl }) => {
    const pull = repo.pulls.find((candidate) => candidate.number === Number(params.pull_number));
    if (!pull) return NOT_FOUND;
    if (typeof body.title === "string") pull.title = body.title;
    if (typeof body.body === "string") pull.body = body.body;
    if (body.state === "closed" || body.state === "open") pull.state = body.state;
    return [200, pullJson(repo, pull, baseUrl)];
  },
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": ({ repo, params, body, baseUrl }) => {
    const pull = repo.pulls.find((candidate) => candidate.number === Number(params.pull_number));
    if (!pull) return NOT_FOUND;
    const reviewers = (body.reviewers as string[] | undefined) ?? [];
    if (reviewers.some((login) => !repo.permissions.has(login)))
      return unprocessable("Reviews may only be requested from collaborators.");
    pull.reviewers.push(...reviewers);
    pull.teams.push(...((body.team_reviewers as string[] | undefined) ?? []));
    return [201, pullJson(repo, pull, baseUrl)];
  },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": ({ repo, params, body }) => {
    const issue = findIssue(repo, Number(params.issue_number));
    if (!issue) return NOT_FOUND;
    for (const label of (body.labels as string[] | undefined) ?? []) if (!issue.labels.includes(label)) issue.labels.push(label);
    return [200, issue.labels.map((name) => ({ name }))];
  },
  "GET /repos/{owner}/{repo}/issues": ({ repo, url }) => {
    const state = url.searchParams.get("state") ?? "open";
    const creator = url.searchParams.get("creator");
    const all = byNewest<FakeIssue | FakePull>([...repo.issues, ...repo.pulls]);
    const listed = all.filter(
      (issue) => (state === "all" || issue.state === state) && (!creator || issue.user.login === creator),
    );
    return [200, listed.map((issue) => issueJson(repo, issue))];
  },
  "POST /repos/{owner}/{repo}/issues": ({ repo, body, caller }) => {
    const issue: FakeIssue = {
      number: repo.number(),
      title: String(body.title),
      body: String(body.body ?? ""),
      state: "open",
      labels: [...((body.labels as string[] | undefined) ?? [])],
      user: caller,
    };
    repo.issues.push(issue);
    return [201, issueJson(repo, issue)];
  },
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": ({ repo, params, body }) => {
    const issue = repo.issues.find((candidate) => candidate.number === Number(params.issue_number));
    if (!issue) return NOT_FOUND;
    if (typeof body.body === "string") issue.body = body.body;
    if (body.state === "closed" || body.state === "open") issue.state = body.state;
    return [200, issueJson(repo, issue)];
  },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": ({ repo, params, url }) => {
    const since = url.searchParams.get("since");
    const comments = repo.comments.filter(
      (comment) => comment.issue_number === Number(params.issue_number) && (!since || comment.created_at >= since),
    );
    return [200, comments];
  },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": ({ repo, params, body, caller }) => {
    if (!findIssue(repo, Number(params.issue_number))) return NOT_FOUND;
    const comment = {
      id: 9000 + repo.comments.length,
      issue_number: Number(params.issue_number),
      body: String(body.body),
      user: caller,
      created_at: new Date().toISOString(),
    };
    repo.comments.push(comment);
    return [201, comment];
  },
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": ({ repo, params, url }) => {
    const name = url.searchParams.get("check_name");
    const runs = repo.checkRuns.filter((run) => run.head_sha === params.ref && (!name || run.name === name)).reverse();
    return [200, { total_count: runs.length, check_runs: runs.map((run) => ({ ...run, status: "completed" })) }];
  },
  "POST /repos/{owner}/{repo}/check-runs": ({ repo, body }) => {
    const output = (body.output ?? {}) as { title?: string; summary?: string };
    const run = {
      id: 7000 + repo.checkRuns.length,
      name: String(body.name),
      head_sha: String(body.head_sha),
      conclusion: (body.conclusion as string | undefined) ?? null,
      external_id: (body.external_id as string | undefined) ?? null,
      output: { title: output.title ?? null, summary: output.summary ?? null },
    };
    repo.checkRuns.push(run);
    return [201, { ...run, status: "completed" }];
  },
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": ({ repo, params, body }) => {
    const run = repo.checkRuns.find((candidate) => candidate.id === Number(params.check_run_id));
    if (!run) return NOT_FOUND;
    const output = (body.output ?? {}) as { title?: string; summary?: string };
    if (body.conclusion) run.conclusion = String(body.conclusion);
    if (body.external_id) run.external_id = String(body.external_id);
    if (body.output) run.output = { title: output.title ?? null, summary: output.summary ?? null };
    return [200, { ...run, status: "completed" }];
  },
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": ({ repo, params }) => {
    const permission = repo.permissions.get(params.username ?? "");
    if (!permission) return NOT_FOUND;
    const user: FakeUser = { login: params.username ?? "", id: 1, type: "User" };
    return [200, { permission, role_name: permission, user }];
  },
};
