import { marked } from "marked";
import { afterEach, expect, it } from "vitest";
import { CONFIG, GRANTS, startWorld, type World } from "./support/harness.js";

/**
 * Check-run summaries quote what a repository wrote (paths, configuration values, resource names):
 * GitHub renders them as Markdown, so every quoted piece is escaped and nothing a repository wrote
 * becomes a link, an image, a mention or HTML.
 */

let world: World | undefined;
afterEach(async () => {
  if (world) expect(world.github.violations).toEqual([]);
  await world?.close();
  world = undefined;
});

const HOSTILE = "[click](https://evil.example)<img src=x>@mona";

function rendered(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

function expectInert(markdown: string): void {
  const html = rendered(markdown);
  // the only links are the bot's own (its pull request)
  expect(html).not.toMatch(/<img|<a href="(?!https:\/\/github\.com\/octo-org\/shop-deploy\/pull\/)/);
  expect(markdown).not.toMatch(/(^|[^\\])@mona/);
}

it("escapes the repository's paths and notes in the drift check run", async () => {
  world = await startWorld({
    config: CONFIG.replace("paths: [clusters/prod]", `paths: [clusters/prod, "docs/${HOSTILE}"]`),
    shop: { logLevel: "debug" },
  });
  await world.check();
  const summary = world.repo.checkRuns[0]?.output.summary ?? "";
  expect(summary).toContain("no manifests under docs/");
  expectInert(summary);
});

it("escapes a refusal and a failure, which name what the repository asked for", async () => {
  world = await startWorld({ grants: [], config: CONFIG.replace("context: recorded", `context: "${HOSTILE}"`) });
  await world.check();
  const summary = world.repo.checkRuns[0]?.output.summary ?? "";
  expect(summary).toContain("is not granted to this repository");
  expectInert(summary);
});

it("escapes the configuration error it quotes", async () => {
  world = await startWorld({ grants: GRANTS, config: CONFIG.replace("schedule: 30", `schedule: "${HOSTILE}"`) });
  await world.check();
  const summary = world.repo.checkRuns[0]?.output.summary ?? "";
  expect(summary).toContain("drift.schedule");
  expectInert(summary);
});
