import * as core from "@actions/core";
import { createTokenClient, type GitHubClient } from "../src/github/client.js";
import { TOOL } from "../src/report/tool.js";

export type { GitHubClient } from "../src/github/client.js";

/**
 * The one client the Action talks to GitHub with, built by the shared adapter; its warnings go to
 * the job log. A rate-limited request is tried twice more, however long GitHub asks to wait: the
 * job has nothing better to do, and giving up loses the report.
 */
export function createClient(token: string, baseUrl: string): GitHubClient {
  return createTokenClient(token, {
    baseUrl,
    userAgent: `plumbline-action/${TOOL.version}`,
    policy: { primaryRetries: 2, secondaryRetries: 2, maxPrimaryWaitSeconds: Number.POSITIVE_INFINITY },
    log: { debug: core.debug, warn: core.warning, error: core.error },
  });
}
