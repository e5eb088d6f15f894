import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle } from "./support/run-action.js";
import { expectCleanRun, onlyRules, type PullRequestScenario, pullRequestScenario } from "./support/scenario.js";

/** Past GitHub's 3,000-file limit of pulls.listFiles, the diff comes from local git. */

let pr: PullRequestScenario;

beforeAll(async () => {
  const bundle = await buildBundle();
  const configMaps: Record<string, string> = {};
  for (let i = 0; i < 3001; i++) {
    const name = `settings-${String(i).padStart(4, "0")}`;
    configMaps[`config/${name}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;
  }
  pr = await pullRequestScenario(bundle, {
    base: { ".github/plumbline.yml": onlyRules("image-tag-latest") },
    head: {
      ...configMaps,
      // sorts after every config file: beyond what listFiles returns
      "zz-apps/web.yaml":
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n",
    },
  });
}, 120_000);

afterAll(async () => {
  await pr?.dispose();
});

describe("a pull request with more than 3,000 files", () => {
  it("reads the rest of the diff with git and comments inline beyond the API's limit", async () => {
    const run = await pr.run({ changedFiles: 3002 });
    expectCleanRun(run, pr.mock);
    expect(pr.mock.counts()["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"]).toBe(30);
    expect(run.stdout).toContain("read its diff with local git");
    expect(run.outputs["new-findings"]).toBe("1");
    expect(pr.mock.state.reviewComments).toEqual([expect.objectContaining({ path: "zz-apps/web.yaml", line: 8 })]);
  }, 120_000);
});
