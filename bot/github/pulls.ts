/** The drift pull requests of one branch, and the few things the bot does to them. */

import { createOnce, NO_RETRY } from "../../src/github/create-once.js";
import { type DriftMarker, readDriftMarker } from "../proposal/marker.js";
import { type GitHub, type RepoRef, statusOf } from "./octokit.js";

export interface DriftPull {
  readonly number: number;
  readonly url: string;
  readonly open: boolean;
  readonly merged: boolean;
  readonly body: string;
  readonly marker: DriftMarker | undefined;
}

/** Every pull request ever opened from the branch, newest first: one request. */
export async function findDriftPulls(github: GitHub, repo: RepoRef, branch: string): Promise<DriftPull[]> {
  const { data } = await github.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return data.map((pull) => ({
    number: pull.number,
    url: pull.html_url,
    open: pull.state === "open",
    merged: pull.merged_at !== null,
    body: pull.body ?? "",
    marker: readDriftMarker(pull.body),
  }));
}

export interface NewPull {
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly draft: boolean;
}

export async function openPull(github: GitHub, repo: RepoRef, pull: NewPull): Promise<{ number: number; url: string }> {
  return createOnce<{ number: number; url: string }>(
    async () => {
      const { data } = await github.rest.pulls.create({
        ...repo,
        head: pull.branch,
        base: pull.base,
        title: pull.title,
        body: pull.body,
        draft: pull.draft,
        ...NO_RETRY,
      });
      return { number: data.number, url: data.html_url };
    },
    async () => {
      const open = (await findDriftPulls(github, repo, pull.branch)).find((candidate) => candidate.open);
      return open ? { number: open.number, url: open.url } : undefined;
    },
  );
}

export async function editPull(
  github: GitHub,
  repo: RepoRef,
  number: number,
  change: { title?: string; body?: string; close?: boolean },
): Promise<void> {
  await github.rest.pulls.update({
    ...repo,
    pull_number: number,
    ...(change.title !== undefined ? { title: change.title } : {}),
    ...(change.body !== undefined ? { body: change.body } : {}),
    ...(change.close ? { state: "closed" as const } : {}),
  });
}

/** Labels and reviewers from `drift.pr`; `org/team` names a team. A reviewer GitHub refuses is not worth failing the run. */
export async function decoratePull(
  github: GitHub,
  repo: RepoRef,
  number: number,
  settings: { labels: readonly string[]; reviewers: readonly string[] },
  warn: (message: string) => void,
): Promise<void> {
  if (settings.labels.length > 0) {
    await github.rest.issues.addLabels({ ...repo, issue_number: number, labels: [...settings.labels] });
  }
  const teams = settings.reviewers.filter((name) => name.includes("/")).map((name) => name.slice(name.indexOf("/") + 1));
  const users = settings.reviewers.filter((name) => !name.includes("/"));
  if (teams.length === 0 && users.length === 0) return;
  try {
    await github.rest.pulls.requestReviewers({ ...repo, pull_number: number, reviewers: users, team_reviewers: teams });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    warn(`could not request reviewers ${settings.reviewers.join(", ")} on #${number}: not collaborators of the repository`);
  }
}
