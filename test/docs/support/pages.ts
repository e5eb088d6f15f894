import { createHash } from "node:crypto";
import { buildBundle } from "../../action/support/run-action.js";
import { demoPullRequest, largePullRequest } from "./action-pages.js";
import { driftRun } from "./bot-pages.js";

/**
 * The pages `npm run screenshot` renders (scripts/screenshot.js) and test/docs/screenshots.test.ts
 * re-creates without a browser: each is what the Action or the bot really sent to GitHub, captured
 * from the test suite's mocks, plus where GitHub shows it. A page's hash covers everything the
 * screenshot is drawn from, so a changed output makes the checked-in screenshot stale, and the test says so.
 */

export interface ReviewThread {
  readonly path: string;
  readonly line: number;
  readonly startLine?: number;
  /** the diff lines GitHub shows above the comment, ending at its line */
  readonly hunk: readonly string[];
  /** the head's lines the comment is on: what a suggestion replaces */
  readonly original: readonly string[];
  readonly body: string;
}

export type Page =
  | { readonly kind: "comment"; readonly author: string; readonly markdown: string }
  | { readonly kind: "review"; readonly author: string; readonly markdown: string; readonly threads: readonly ReviewThread[] }
  | {
      readonly kind: "pull" | "issue";
      readonly author: string;
      readonly number: number;
      readonly title: string;
      readonly markdown: string;
    };

export interface Shot {
  /** docs/screenshots/<name>.png */
  readonly name: string;
  /** what the screenshot shows, for the manifest and alt text */
  readonly caption: string;
  /** CSS pixels of the conversation column the page is drawn in */
  readonly width: number;
  readonly page: Page;
}

/** The comment column of a pull request on github.com at a usual window size. */
export const COMMENT_WIDTH = 820;
/** A wide window: what the same comment looks like with room to spare. */
export const FULL_WIDTH = 1280;

const ACTION = "github-actions[bot]";
const BOT = "plumbline[bot]";

export async function captureShots(): Promise<Shot[]> {
  const bundle = await buildBundle();
  // one at a time: each run is a node process and a git repository, and machines running this are shared
  const demo = await demoPullRequest(bundle);
  const large = await largePullRequest(bundle);
  const drift = await driftRun();
  const comment: Page = { kind: "comment", author: ACTION, markdown: demo.comment };
  const shots: Shot[] = [
    {
      name: "comment-820",
      caption: `The sticky comment on the examples/ pull request at GitHub's ${COMMENT_WIDTH} px comment width`,
      width: COMMENT_WIDTH,
      page: comment,
    },
    { name: "comment-full", caption: "The same comment in a wide window", width: FULL_WIDTH, page: comment },
    {
      name: "comment-large",
      caption: `The sticky comment on a pull request adding 50 Deployments (${large.newFindings} new findings)`,
      width: COMMENT_WIDTH,
      page: { kind: "comment", author: ACTION, markdown: large.comment },
    },
  ];
  if (demo.review) {
    shots.push({
      name: "review",
      caption: "The review on the examples/ pull request: inline comments with suggested changes",
      width: COMMENT_WIDTH,
      page: { kind: "review", author: ACTION, markdown: demo.review.body, threads: demo.review.threads },
    });
  }
  shots.push(
    {
      name: "drift-pull-request",
      caption: "The drift pull request the bot opens when a cluster no longer matches Git",
      width: COMMENT_WIDTH,
      page: { kind: "pull", author: BOT, number: drift.pull.number, title: drift.pull.title, markdown: drift.pull.body },
    },
    {
      name: "dashboard",
      caption: "The drift dashboard issue",
      width: COMMENT_WIDTH,
      page: {
        kind: "issue",
        author: BOT,
        number: drift.dashboard.number,
        title: drift.dashboard.title,
        markdown: drift.dashboard.body,
      },
    },
  );
  return shots;
}

/** SHA-256 of everything a screenshot is drawn from (the markdown, and for a review its diff lines). */
export function pageHash(shot: Shot): string {
  return createHash("sha256")
    .update(JSON.stringify({ width: shot.width, page: shot.page }))
    .digest("hex");
}
