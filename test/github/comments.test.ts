import { describe, expect, it } from "vitest";
import { commentOnce, upsertComment } from "../../src/github/comments.js";
import { isAuthoredBy } from "../../src/github/identity.js";
import { COMMENT_CHARACTERS } from "../../src/github/limits.js";
import { type GitHubDouble, REPO, useGitHubDouble } from "./support/github-double.js";

const LIST = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments";
const CREATE = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
const EDIT = "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}";
const MARKER = "<!-- plumbline:sticky -->";
const ACTOR = "github-actions[bot]";

interface Stored {
  id: number;
  body: string;
  user: { login: string; id: number; type: "Bot" | "User" };
  created_at: string;
}

/** One thread's comments, as GitHub lists, creates and edits them (created by ACTOR). */
function serveThread(github: GitHubDouble, comments: Stored[]): void {
  const shape = (comment: Stored) => ({
    ...comment,
    updated_at: comment.created_at,
    html_url: "",
    issue_url: "",
    url: "",
    node_id: "",
  });
  github
    .on(LIST, () => [200, comments.map(shape)])
    .on(CREATE, ({ body }) => {
      const comment: Stored = {
        id: 500 + comments.length,
        body: String(body.body),
        user: { login: ACTOR, id: 1, type: "Bot" },
        created_at: new Date().toISOString(),
      };
      comments.push(comment);
      return [201, shape(comment)];
    })
    .on(EDIT, ({ params, body }) => {
      const comment = comments.find((candidate) => candidate.id === Number(params.comment_id));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = String(body.body);
      return [200, shape(comment)];
    });
}

const person = { login: "mallory", id: 7, type: "User" as const };
const bot = { login: ACTOR, id: 1, type: "Bot" as const };
const sticky = {
  isOurs: (c: { body?: string; author?: { login?: string; type?: string } | null }) =>
    c.body?.includes(MARKER) === true && isAuthoredBy(c.author, ACTOR),
};

const double = useGitHubDouble();

describe("upsertComment (the sticky summary)", () => {
  it("edits its own earlier comment, never one where someone else pasted the marker", async () => {
    const github = double();
    const comments: Stored[] = [
      { id: 1, body: `${MARKER} fake all clear`, user: person, created_at: "2026-01-01T00:00:00Z" },
      { id: 2, body: `${MARKER} old summary`, user: bot, created_at: "2026-01-02T00:00:00Z" },
    ];
    serveThread(github, comments);
    expect(await upsertComment(github.client(), REPO, 7, `${MARKER} new summary`, { ...sticky, create: true })).toBe("updated");
    expect(comments.map((comment) => comment.body)).toEqual([`${MARKER} fake all clear`, `${MARKER} new summary`]);
  });

  it("posts when there is none of its own, unless told not to create one; and cuts the body to GitHub's limit", async () => {
    const github = double();
    const comments: Stored[] = [{ id: 1, body: `${MARKER} pasted`, user: person, created_at: "2026-01-01T00:00:00Z" }];
    serveThread(github, comments);
    const client = github.client();
    expect(await upsertComment(client, REPO, 7, `${MARKER} all clear`, { ...sticky, create: false })).toBe("not needed");
    expect(comments).toHaveLength(1);
    expect(await upsertComment(client, REPO, 7, `${MARKER} ${"x".repeat(70_000)}`, { ...sticky, create: true })).toBe("created");
    expect(comments[1]?.body).toHaveLength(COMMENT_CHARACTERS);
  });
});

describe("commentOnce", () => {
  const key = "<!-- plumbline:comment k1 -->";
  const once = { isPosted: (c: { body?: string }) => c.body?.includes(key) === true, marker: key };

  it("posts once with its marker after the body, however long the body, and not again", async () => {
    const github = double();
    const comments: Stored[] = [];
    serveThread(github, comments);
    const client = github.client();
    expect(await commentOnce(client, REPO, 3, "y".repeat(70_000), once)).toBe("posted");
    expect(await commentOnce(client, REPO, 3, "y".repeat(70_000), once)).toBe("exists");
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toHaveLength(COMMENT_CHARACTERS);
    expect(comments[0]?.body.endsWith(`\n\n${key}\n`)).toBe(true);
  });

  it("with withinMs, counts only a comment that young: one per period", async () => {
    const github = double();
    const comments: Stored[] = [{ id: 1, body: key, user: bot, created_at: "2026-01-01T00:00:00Z" }];
    serveThread(github, comments);
    const client = github.client();
    const now = () => Date.parse("2026-01-01T00:30:00Z");
    expect(await commentOnce(client, REPO, 3, "again", { ...once, withinMs: 3_600_000, now })).toBe("exists");
    const later = () => Date.parse("2026-01-01T02:00:00Z");
    expect(await commentOnce(client, REPO, 3, "again", { ...once, withinMs: 3_600_000, now: later })).toBe("posted");
    expect(github.sent.filter((r) => r.operation === LIST).map((r) => r.url.searchParams.get("since"))).toEqual([
      "2025-12-31T23:30:00.000Z",
      "2026-01-01T01:00:00.000Z",
    ]);
  });

  it("looks before it tries again when GitHub loses the answer to a create it applied", async () => {
    const github = double();
    const comments: Stored[] = [];
    serveThread(github, comments);
    github.loseAnswerOnce(CREATE, 502);
    expect(await commentOnce(github.client(), REPO, 3, "hello", once)).toBe("exists");
    expect(comments).toHaveLength(1);
    expect(github.bodies(CREATE)).toHaveLength(1);
  });
});
