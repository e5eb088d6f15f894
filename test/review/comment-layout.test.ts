import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { parseConfig } from "../../src/config/load.js";
import { codeSpan, escapeMarkdown, resourceName, severityLabel } from "../../src/report/markdown.js";
import {
  type ChangedFile,
  type ChangeSummary,
  encodedCodeLink,
  type HeadTexts,
  planChange,
  summariseChange,
} from "../../src/review/index.js";
import { docsUrl } from "../../src/rules/docs-url.js";
import { ALL_RULES } from "../../src/rules/registry.js";
import { COMMENT_WIDTH_PX, tableMinWidth, tables } from "./support/comment-width.js";

/**
 * The sticky comment at GitHub's real width (~820 px for a pull request's conversation) and at real
 * sizes: no table may need sideways scrolling, and with hundreds of new findings every count in it
 * must add up, with a count per rule before the rows.
 */

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const LIMITS = { commentCharacters: 65_536, checkTextCharacters: 65_535, jobSummaryCharacters: 1_000_000 };

function deployment(name: string, image: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: payments\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;
}

/** Reviews a pull request that adds `files` (every line in the diff) to an empty base, as the Action would. */
async function review(files: Record<string, string>, rules: readonly string[]): Promise<ChangeSummary> {
  const dir = await mkdtemp(path.join(tmpdir(), "plumbline-layout-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const config = parseConfig(
    `rules:\n${ALL_RULES.filter((rule) => !rules.includes(rule.id))
      .map((rule) => `  ${rule.id}: off`)
      .join("\n")}\n`,
    "plumbline.yml",
  );
  const head = await check(["."], { cwd: dir, root: dir, config });
  const texts: HeadTexts = { text: (file) => files[file], lastLine: (file) => files[file]?.split("\n").length };
  const changedFiles: ChangedFile[] = Object.entries(files).map(([file, text]) => ({
    path: file,
    status: "added",
    hunks: [{ start: 1, end: text.split("\n").length, added: [] }],
  }));
  const plan = planChange({
    head,
    base: undefined,
    headFiles: texts,
    changedFiles,
    revisions: { baseSha: "1".repeat(40), headSha: "2".repeat(40) },
    gate: { failOn: "error", onlyNew: true, source: "base", change: undefined },
    inline: { enabled: true, posted: new Set() },
    links: { file: (sha, file, line) => `https://github.com/o/r/blob/${sha}/${file}#L${line}`, run: undefined },
  });
  return summariseChange(plan, true, LIMITS);
}

describe("at GitHub's ~820 px comment width", () => {
  const deep = "clusters/production/eu-west-1/apps/payments-gateway-primary/overlays/canary";
  const image = "registry.example.com/platform-team/payments/gateway-primary-with-a-long-name:latest";

  it("no table needs sideways scrolling, whatever the paths, objects and images", async () => {
    const summary = await review(
      { [`${deep}/deployment.yaml`]: deployment("payments-gateway-primary-canary-eu-west-1", image) },
      ["image-tag-latest", "liveness-probe-missing", "memory-limit-missing", "run-as-root"],
    );
    const found = tables(summary.comment);
    expect(found.length).toBeGreaterThan(0);
    for (const table of found) expect(tableMinWidth(table)).toBeLessThanOrEqual(COMMENT_WIDTH_PX);
    // three columns; the rule is a link to its page, the location a link to the line
    expect(summary.comment).toContain("| Severity | Location | Finding |");
    expect(summary.comment).toContain(`](${docsUrl("image-tag-latest")})`);
    expect(summary.comment).toContain(`](https://github.com/o/r/blob/${"2".repeat(40)}/${deep}/deployment.yaml#L`);
    expect(summary.comment).toContain("**Deployment/<wbr>payments/<wbr>payments-gateway-primary-canary-eu-west-1**");
  });

  it("the measure is not lenient: the five-column table the comment had measures wider than that", async () => {
    const summary = await review({ [`${deep}/deployment.yaml`]: deployment("web", image) }, ["image-tag-latest"]);
    expect(summary.annotations.length + summary.inline.size).toBe(1);
    const finding = { file: `${deep}/deployment.yaml`, line: 17, rule: "image-tag-latest" };
    const oldRow = [
      severityLabel("warning"),
      encodedCodeLink(`${finding.file}:${finding.line}`, "https://github.com/"),
      encodedCodeLink(finding.rule, docsUrl(finding.rule)),
      codeSpan(resourceName({ apiVersion: "apps/v1", kind: "Deployment", namespace: "payments", name: "web" })),
      escapeMarkdown(`container "app" image "${image}" uses the :latest tag`),
    ];
    const old = `| Severity | Location | Rule | Resource | Message |\n| --- | --- | --- | --- | --- |\n| ${oldRow.join(" | ")} |`;
    expect(tableMinWidth(old)).toBeGreaterThan(COMMENT_WIDTH_PX);
  });
});

describe("a pull request with 520 new findings", () => {
  it("counts every finding once, and puts a count per rule before the rows", async () => {
    // 260 Deployments, each with an image on :latest and no liveness probe: 520 new warnings
    const documents = Array.from({ length: 260 }, (_, i) => deployment(`service-${i}`, `example/app-${i}:latest`));
    const summary = await review({ "deploy/services.yaml": documents.join("---\n") }, [
      "image-tag-latest",
      "liveness-probe-missing",
    ]);
    const comment = summary.comment;
    expect(comment.length).toBeLessThanOrEqual(LIMITS.commentCharacters);
    expect(comment).toContain("**520 new**");

    // the roll-up first: one row per rule, adding up to 520
    const rollUp = /\| Severity \| Rule \| New \|\n\| --- \| --- \| ---: \|\n((?:\|.*\|\n)+)/.exec(comment);
    expect(rollUp, "a per-rule count").not.toBeNull();
    const perRule = (rollUp?.[1] ?? "")
      .trim()
      .split("\n")
      .map((row) => Number(/\| (\d+) \|$/.exec(row)?.[1]));
    expect(perRule).toEqual([260, 260]);
    expect(comment.indexOf("| Severity | Rule | New |")).toBeLessThan(comment.indexOf("| Severity | Location | Finding |"));

    // the rows after it, trimmed to fit, and the note says how many it left out
    const newSection = comment.slice(comment.indexOf("#### New in this pull request"), comment.indexOf("<sub>"));
    const rowsPart = newSection.slice(newSection.indexOf("| Severity | Location | Finding |"));
    const rows = rowsPart.split("\n").filter((line) => line.startsWith("| 🟡"));
    const hidden = Number(/…and (\d+) more findings not shown here/.exec(newSection)?.[1] ?? 0);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length + hidden).toBe(520);

    // where they went: 50 inline, the other 470 annotated — and the numbers say exactly that
    expect(summary.inline.size).toBe(50);
    expect(summary.annotations).toHaveLength(470);
    expect(comment).toContain(
      "Of these, 50 are commented inline on the diff; the other 470 are annotated instead (470 past the 50 inline comments a review holds).",
    );
    expect(comment).not.toContain("listed here only");
  });

  it("a small pull request gets no roll-up", async () => {
    const summary = await review({ "deploy/web.yaml": deployment("web", "nginx:latest") }, ["image-tag-latest"]);
    expect(summary.comment).not.toContain("| Severity | Rule | New |");
    expect(summary.comment).toContain("Each of them is commented inline on the diff.");
  });
});
