import * as core from "@actions/core";
import { actingLogin as viewerLogin } from "../src/github/identity.js";
import type { GitHubClient } from "./octokit.js";

export { isAuthoredBy } from "../src/github/identity.js";

/** The login the token acts as; when it cannot be told the job log says so, and a new comment is posted. */
export function actingLogin(client: GitHubClient): Promise<string | undefined> {
  return viewerLogin(client, (error) =>
    core.warning(
      `Plumbline cannot tell which account its token acts as (${error.message}): earlier comments are not edited, a new one is posted`,
    ),
  );
}
