import type { BotIdentity } from "../github/identity.js";
import type { GitHub } from "../github/octokit.js";
import type { Logger } from "../logger.js";
import type { DriftRunner } from "../run/runner.js";
import type { Tasks } from "../run/tasks.js";

/** What every webhook handler may use. */
export interface HandlerDeps {
  readonly runner: DriftRunner;
  readonly tasks: Tasks;
  readonly identity: () => Promise<BotIdentity>;
  readonly installationOctokit: (installationId: number) => Promise<GitHub>;
  readonly log: Logger;
}
