import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCheckRun } from "../../action/check-run.js";
import { createClient } from "../../action/octokit.js";
import { postReview } from "../../action/review.js";
import { upsertStickyComment } from "../../action/sticky-comment.js";
import {
  ANNOTATION_MESSAGE_BYTES,
  ANNOTATION_TITLE_CHARACTERS,
  CHECK_RUN_TEXT_CHARACTERS,
  COMMENT_CHARACTERS,
  capBytes,
  capCharacters,
} from "../../src/github/limits.js";
import { STICKY_MARKER } from "../../src/review/index.js";
import { BOT, MockGitHub } from "./support/mock-github.js";
import { exampleRepository } from "./support/payloads.js";
import { TOKEN } from "./support/scenario.js";

/**
 * Text a pull request controls (a message quoting a manifest, a custom rule's id) can be any length;
 * one string over GitHub's limits makes it refuse the whole check run, review or comment.
 */

describe("capCharacters and capBytes", () => {
  it("leave text within the limit alone", () => {
    expect(capCharacters("abc", 3)).toBe("abc");
    expect(capBytes("äbc", 4)).toBe("äbc");
  });

  it("cut to exactly the limit, ending in an ellipsis", () => {
    expect(capCharacters("abcdef", 4)).toBe("abc…");
    expect(capCharacters("x".repeat(70_000), COMMENT_CHARACTERS)).toHaveLength(COMMENT_CHARACTERS);
    const capped = capBytes("x".repeat(100_000), ANNOTATION_MESSAGE_BYTES);
    expect(Buffer.byteLength(capped)).toBe(ANNOTATION_MESSAGE_BYTES);
  });

  it("never split a character: not a surrogate pair, not a multi-byte UTF-8 sequence", () => {
    const emoji = "😀".repeat(10); // 2 code units, 4 bytes each
    const chars = capCharacters(emoji, 6);
    expect(chars.length).toBeLessThanOrEqual(6);
    expect(chars).toBe("😀😀…");
    for (let max = 3; max < 20; max++) {
      const bytes = capBytes(emoji, max);
      expect(Buffer.byteLength(bytes)).toBeLessThanOrEqual(max);
      expect(bytes).not.toContain("\ufffd");
      expect(Buffer.from(bytes, "utf8").toString("utf8")).toBe(bytes);
    }
  });
});

describe("what reaches GitHub is within its limits", () => {
  const { owner, repo } = exampleRepository("pull_request", "opened");
  const repository = { owner, repo };
  let mock: MockGitHub;

  beforeAll(async () => {
    mock = new MockGitHub(owner, repo, TOKEN);
    await mock.start();
    mock.state.heads.set(5, "a".repeat(40));
    mock.state.pullFiles.set(5, [
      {
        filename: "a.yaml",
        status: "added",
        patch: "@@ -0,0 +1,2 @@\n+a: 1\n+b: 2",
        additions: 2,
        deletions: 0,
        changes: 2,
        sha: "b".repeat(40),
      },
    ]);
  });

  afterAll(async () => {
    await mock.close();
  });

  it("a check run: summary, and every annotation's title and message", async () => {
    const client = createClient(TOKEN, mock.url);
    const huge = "é".repeat(80_000); // 160,000 bytes
    await publishCheckRun(
      { client, repository, headSha: "c".repeat(40) },
      {
        conclusion: "failure",
        title: "1 new finding",
        summary: "s".repeat(CHECK_RUN_TEXT_CHARACTERS + 10),
        annotations: Array.from({ length: 51 }, (_, index) => ({
          path: "a.yaml",
          start_line: 1,
          end_line: 1,
          annotation_level: "failure" as const,
          title: `custom-${"r".repeat(400)}-${index}`,
          message: huge,
        })),
        detailsUrl: undefined,
      },
    );
    expect(mock.violations).toEqual([]);
    const run = mock.state.checkRuns.at(-1);
    expect(run?.summary.length).toBe(CHECK_RUN_TEXT_CHARACTERS);
    expect(run?.batches).toEqual([50, 1]);
    for (const annotation of run?.annotations ?? []) {
      expect(String(annotation.title).length).toBeLessThanOrEqual(ANNOTATION_TITLE_CHARACTERS);
      expect(Buffer.byteLength(String(annotation.message))).toBeLessThanOrEqual(ANNOTATION_MESSAGE_BYTES);
    }
  }, 30_000);

  it("a review: its body and each comment's body", async () => {
    const client = createClient(TOKEN, mock.url);
    const target = { client, repository, number: 5, headSha: "a".repeat(40), actor: BOT.login };
    await postReview(
      target,
      [{ fingerprints: ["f"], path: "a.yaml", line: 2, body: "m".repeat(COMMENT_CHARACTERS * 2) }],
      "b".repeat(70_000),
    );
    expect(mock.violations).toEqual([]);
    expect(mock.state.reviews.at(-1)?.body.length).toBe(COMMENT_CHARACTERS);
    expect(mock.state.reviewComments.at(-1)?.body.length).toBe(COMMENT_CHARACTERS);
  }, 30_000);

  it("the sticky comment, created and edited", async () => {
    const client = createClient(TOKEN, mock.url);
    const target = { client, repository, number: 5, actor: BOT.login };
    const body = `${STICKY_MARKER}\n${"c".repeat(COMMENT_CHARACTERS)}`;
    expect(await upsertStickyComment(target, body, { create: true })).toBe("created");
    expect(mock.state.issueComments.at(-1)?.body.length).toBe(COMMENT_CHARACTERS);
    expect(await upsertStickyComment(target, `${body}more`, { create: true })).toBe("updated");
    expect(mock.state.issueComments).toHaveLength(1);
    expect(mock.state.issueComments[0]?.body.length).toBe(COMMENT_CHARACTERS);
    expect(mock.violations).toEqual([]);
  }, 30_000);
});
