/** Every repository the App is installed on: `GET /app/installations`, then each installation's repositories. */

import type { GitHub } from "../github/octokit.js";
import type { RepoTarget } from "../run/runner.js";

export async function listInstalledRepositories(
  appOctokit: () => Promise<GitHub>,
  installationOctokit: (installationId: number) => Promise<GitHub>,
): Promise<RepoTarget[]> {
  const app = await appOctokit();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  const targets: RepoTarget[] = [];
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const github = await installationOctokit(installation.id);
    const repositories = await github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repositories) {
      if (repository.archived || repository.disabled) continue;
      targets.push({
        owner: repository.owner.login,
        repo: repository.name,
        defaultBranch: repository.default_branch,
        installationId: installation.id,
      });
    }
  }
  return targets;
}
