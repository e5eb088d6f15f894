import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TOOL } from "../../src/report/tool.js";
import { DOCS_BASE } from "../../src/rules/types.js";

const repo = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(repo, file), "utf8");

/** owner/name from package.json's repository URL: the one place the others must agree with. */
const manifest = JSON.parse(read("package.json")) as { repository: { url: string }; homepage: string };
const OWNER_REPO = manifest.repository.url.match(/github\.com\/([^/]+\/[^/.]+)/)?.[1] ?? "";
const OWNER = OWNER_REPO.split("/")[0];

/** Every text file where people copy the Action, the App or the image from. */
const PUBLISHED = [
  "README.md",
  "DEVELOPERS.md",
  "app.yml",
  "action.yml",
  ...readdirSync(path.join(repo, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
  ...readdirSync(path.join(repo, "deploy"), { recursive: true })
    .map(String)
    .filter((f) => /\.(ya?ml)$|Dockerfile$/.test(f))
    .map((f) => `deploy/${f}`),
];

describe("one owner and repository everywhere", () => {
  it("package.json names it", () => {
    expect(OWNER_REPO).toMatch(/^[\w.-]+\/[\w.-]+$/);
    expect(manifest.homepage).toContain(`github.com/${OWNER_REPO}`);
  });

  it("the reports link to it", () => {
    expect(TOOL.informationUri).toBe(`https://github.com/${OWNER_REPO}`);
    expect(DOCS_BASE.startsWith(`https://github.com/${OWNER_REPO}/`)).toBe(true);
  });

  it.each(PUBLISHED)("%s uses it for the Action, the App, checkouts and the bot's image", (file) => {
    const text = read(file);
    // `uses: owner/plumbline@ref`, `repository: owner/plumbline`, github.com/owner/plumbline, ghcr.io/owner/plumbline-bot
    const named = [
      ...text.matchAll(/uses:\s*([\w.-]+\/plumbline)@/g),
      ...text.matchAll(/repository:\s*([\w.-]+\/plumbline)\b/g),
      ...text.matchAll(/github\.com\/([\w.-]+\/plumbline)\b/g),
    ].map((match) => match[1]);
    const images = [...text.matchAll(/ghcr\.io\/([\w.-]+)\/plumbline-bot/g)].map((match) => match[1]);
    expect(new Set(named).size <= 1 && (named[0] ?? OWNER_REPO) === OWNER_REPO, `${file}: ${named.join(", ")}`).toBe(true);
    for (const owner of images) expect(owner, file).toBe(OWNER);
  });
});
