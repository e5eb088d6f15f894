/** Issues the bot opened itself (drift issues in `mode: issue`, the dashboard): found by creator and marker. */

import { createOnce, NO_RETRY } from "../../src/github/create-once.js";
import { type DriftMarker, readDriftMarker, readMarker } from "../proposal/marker.js";
import type { GitHub, RepoRef } from "./octokit.js";

export interface BotIssue {
  readonly number: number;
  readonly url: string;
  readonly open: boolean;
  readonly body: string;
  readonly title: string;
  readonly drift: DriftMarker | undefined;
  readonly dashboard: boolean;
}

/** The bot's issues, newest first (pull requests are left out): one request per repository run. */
export async function listBotIssues(github: GitHub, repo: RepoRef, login: string): Promise<BotIssue[]> {
  const { data } = await github.rest.issues.listForRepo({
    ...repo,
    creator: login,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return data
    .filter((issue) => !issue.pull_request)
    .map((issue) => ({
      number: issue.number,
      url: issue.html_url,
      open: issue.state === "open",
      body: issue.body ?? "",
      title: issue.title,
      drift: readDriftMarker(issue.body),
      dashboard: readMarker(issue.body, "dashboard") !== undefined,
    }));
}

export async function openIssue(
  github: GitHub,
  repo: RepoRef,
  issue: { title: string; body: string; labels: readonly string[] },
  isSame: (candidate: BotIssue) => boolean,
  login: string,
): Promise<{ number: number; url: string }> {
  return createOnce(
    async () => {
      const { data } = await github.rest.issues.create({
        ...repo,
        title: issue.title,
        body: issue.body,
        labels: [...issue.labels],
        ...NO_RETRY,
      });
      return { number: data.number, url: data.html_url };
    },
    async () => (await listBotIssues(github, repo, login)).find((candidate) => candidate.open && isSame(candidate)),
  );
}

export async function editIssue(
  github: GitHub,
  repo: RepoRef,
  number: number,
  change: { body?: string; close?: boolean },
): Promise<void> {
  await github.rest.issues.update({
    ...repo,
    issue_number: number,
    ...(change.body !== undefined ? { body: change.body } : {}),
    ...(change.close ? { state: "closed" as const, state_reason: "completed" as const } : {}),
  });
}
