/**
 * `/plumbline drift [cluster]` in an issue or pull request comment: a person with write access
 * asks for a check now; the bot answers in the same thread. Anyone else gets one polite refusal
 * per thread an hour.
 */

import { codeSpan, escapeMarkdown } from "../../src/report/markdown-escape.js";
import { commentOnce } from "../github/comments.js";
import { githubMessage } from "../github/octokit.js";
import { canWrite } from "../github/permissions.js";
import { errorFields } from "../logger.js";
import type { RepoReport } from "../run/runner.js";
import type { HandlerDeps } from "./types.js";

export interface CommentEvent {
  readonly action: string;
  readonly comment: {
    readonly id: number;
    readonly body: string;
    readonly user: { readonly login: string; readonly type?: string } | null;
  };
  readonly issue: { readonly number: number };
  readonly repository: { readonly name: string; readonly owner: { readonly login: string }; readonly default_branch?: string };
  readonly sender: { readonly login: string; readonly type?: string };
  readonly installation?: { readonly id: number } | null;
}

const REFUSAL_PERIOD_MS = 60 * 60_000;
const COMMAND = /^\s*\/plumbline\s+drift(?:\s+([A-Za-z0-9._-]+))?\s*$/m;

/** The cluster named after the command, "" for all of them, undefined when there is no command. */
export function parseCommand(body: string): string | undefined {
  const match = COMMAND.exec(body);
  return match ? (match[1] ?? "") : undefined;
}

export function onComment(event: CommentEvent, deps: HandlerDeps): void {
  if (event.action !== "created" || !event.installation) return;
  // bots (this one included) do not give commands: no loops
  if (event.sender.type === "Bot" || event.comment.user?.type === "Bot") return;
  const cluster = parseCommand(event.comment.body);
  if (cluster === undefined) return;
  deps.tasks.start(answer(event, cluster, event.installation.id, deps));
}

async function answer(event: CommentEvent, cluster: string, installationId: number, deps: HandlerDeps): Promise<void> {
  const repo = { owner: event.repository.owner.login, repo: event.repository.name };
  const log = deps.log.child({ repository: `${repo.owner}/${repo.repo}`, trigger: "command", comment: event.comment.id });
  try {
    const github = await deps.installationOctokit(installationId);
    const who = event.sender.login;
    if (!(await canWrite(github, repo, who))) {
      // one refusal per person and thread an hour: asking again and again sends nothing more
      await commentOnce(
        github,
        repo,
        event.issue.number,
        `denied:${who.toLowerCase()}`,
        `@${who} only people with write access to this repository can run \`/plumbline drift\`.`,
        { withinMs: REFUSAL_PERIOD_MS },
      );
      return;
    }
    const report = await deps.runner.checkRepository(
      { ...repo, installationId, ...(event.repository.default_branch ? { defaultBranch: event.repository.default_branch } : {}) },
      "command",
      cluster ? { clusters: [cluster] } : {},
    );
    await commentOnce(github, repo, event.issue.number, `reply:${event.comment.id}`, replyText(who, cluster, report));
  } catch (error) {
    log.error({ error: errorFields(error) }, `cannot answer /plumbline drift: ${githubMessage(error)}`);
  }
}

export function replyText(who: string, cluster: string, report: RepoReport): string {
  const mention = `@${who}`;
  if (report.config === "absent")
    return `${mention} this repository has no \`drift.clusters\` in \`.github/plumbline.yml\`, so there is nothing to check.`;
  if (report.config === "invalid")
    return `${mention} \`.github/plumbline.yml\` cannot be used:\n\n> ${escapeMarkdown(report.message ?? "invalid")}`;
  if (report.config === "skipped")
    return `${mention} the drift check did not run: ${escapeMarkdown(report.message ?? "try again later")}.`;
  if (report.clusters.length === 0) return `${mention} no cluster is named ${codeSpan(cluster)} in \`.github/plumbline.yml\`.`;
  const rows = report.clusters.map((outcome) => {
    const link = outcome.proposal?.link ? `#${outcome.proposal.link.number}` : "—";
    return `| ${codeSpan(outcome.cluster)} | ${escapeMarkdown(outcome.summary)} | ${link} |`;
  });
  return `${mention} drift check done.\n\n| Cluster | Result | Proposal |\n|---|---|---|\n${rows.join("\n")}`;
}
