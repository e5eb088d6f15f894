/**
 * The Probot app: webhooks in, drift checks out. Handlers answer GitHub at once and do the work in
 * the background, so a slow cluster never makes a webhook delivery time out.
 */

import type { ApplicationFunction } from "probot";
import { onComment } from "./handlers/command.js";
import { onIssueEdited } from "./handlers/dashboard-rerun.js";
import { onInstallation } from "./handlers/installation.js";
import { onPullRequest } from "./handlers/pull-request.js";
import { onPush } from "./handlers/push.js";
import type { HandlerDeps } from "./handlers/types.js";

export interface AppHooks {
  /** an installation gained repositories: the scheduler should list them again */
  readonly onRepositoriesChanged?: (installationId: number) => void;
}

export function driftApp(deps: HandlerDeps, hooks: AppHooks = {}): ApplicationFunction {
  return (app) => {
    app.on("push", async (context) => onPush(context.payload, deps));
    app.on("issue_comment.created", async (context) => onComment(context.payload, deps));
    // the dashboard's "check every cluster now" checkbox
    app.on("issues.edited", async (context) => onIssueEdited(context.payload, deps));
    app.on("pull_request.closed", async (context) => onPullRequest(context.payload, deps));
    app.on(["installation.created", "installation_repositories.added"], async (context) =>
      onInstallation(context.payload, deps, hooks.onRepositoriesChanged ?? (() => {})),
    );
    app.onError(async (error) => {
      deps.log.warn({ event: error.event?.name, error: error.message.split("\n")[0] }, "webhook not handled");
    });
  };
}
