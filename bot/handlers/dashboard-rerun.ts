/**
 * The dashboard's "check every cluster now" checkbox, as Renovate's: a person with write access
 * ticks it, GitHub sends `issues.edited`, and the bot checks the repository; the dashboard it then
 * rewrites has the box unticked again. Only the bot's own dashboard issue counts, and only a tick
 * made by this edit (the body before it had the box empty).
 */

import { canWrite } from "../github/permissions.js";
import { errorFields } from "../logger.js";
import { readMarker } from "../proposal/marker.js";
import { rerunTicked } from "../run/dashboard.js";
import type { HandlerDeps } from "./types.js";

export interface IssueEditedEvent {
  readonly action: string;
  readonly issue: { readonly number: number; readonly body?: string | null; readonly user: { readonly login: string } | null };
  readonly changes?: { readonly body?: { readonly from: string } };
  readonly repository: { readonly name: string; readonly owner: { readonly login: string }; readonly default_branch?: string };
  readonly sender: { readonly login: string; readonly type?: string };
  readonly installation?: { readonly id: number } | null;
}

export function onIssueEdited(event: IssueEditedEvent, deps: HandlerDeps): void {
  if (event.action !== "edited" || !event.installation || event.sender.type === "Bot") return;
  if (readMarker(event.issue.body, "dashboard") === undefined) return;
  if (!rerunTicked(event.issue.body, event.changes?.body?.from)) return;
  deps.tasks.start(rerun(event, event.installation.id, deps));
}

async function rerun(event: IssueEditedEvent, installationId: number, deps: HandlerDeps): Promise<void> {
  const repo = { owner: event.repository.owner.login, repo: event.repository.name };
  const log = deps.log.child({ repository: `${repo.owner}/${repo.repo}`, trigger: "command", issue: event.issue.number });
  try {
    // a dashboard someone else wrote (a copy with our marker) asks for nothing
    if (event.issue.user?.login !== (await deps.identity()).login) return;
    const github = await deps.installationOctokit(installationId);
    if (!(await canWrite(github, repo, event.sender.login))) {
      log.info({ sender: event.sender.login }, "dashboard re-run ticked by someone without write access: ignored");
      return;
    }
    await deps.runner.checkRepository(
      { ...repo, installationId, ...(event.repository.default_branch ? { defaultBranch: event.repository.default_branch } : {}) },
      "command",
    );
  } catch (error) {
    log.error({ error: errorFields(error) }, "cannot re-run the drift check from the dashboard");
  }
}
