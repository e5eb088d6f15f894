import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../action/support/run-action.js";
import { captureShots, pageHash, type Shot } from "./support/pages.js";

/**
 * The screenshots in docs/screenshots/ are of what the Action and the bot write today: the pages are
 * re-created here through the same runs `npm run screenshot` makes (no browser needed), and each one's
 * hash must be the one the manifest recorded when its PNG was taken. The runs are deterministic (fixed
 * commit dates, a stopped clock and a seeded App key for the bot), so a differing hash means the output changed.
 */

const DIR = path.join(ROOT, "docs", "screenshots");

interface ManifestEntry {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
  readonly width: number;
  /** measured by Chromium when the screenshot was taken */
  readonly tablesScrollingSideways: number;
}

let shots: Shot[];
let manifest: ManifestEntry[];

beforeAll(async () => {
  manifest = JSON.parse(await readFile(path.join(DIR, "manifest.json"), "utf8")).screenshots;
  shots = await captureShots();
}, 300_000);

describe("docs/screenshots", () => {
  it("has one screenshot per page, each taken of the markdown the Action or the bot writes now", () => {
    expect(manifest.map((entry) => entry.name).sort(), "run npm run screenshot").toEqual(shots.map((shot) => shot.name).sort());
    for (const shot of shots) {
      const entry = manifest.find((candidate) => candidate.name === shot.name);
      expect(entry?.sha256, `docs/screenshots/${shot.name}.png is stale: run npm run screenshot`).toBe(pageHash(shot));
      expect(existsSync(path.join(DIR, entry?.file ?? "")), `${entry?.file} is missing: run npm run screenshot`).toBe(true);
    }
  });

  it("shows every page without a table that scrolls sideways, at GitHub's 820 px comment width too", () => {
    // the browser measured this when it took the screenshot; the hashes above tie it to today's markdown
    for (const entry of manifest) expect(entry.tablesScrollingSideways, `${entry.name} at ${entry.width} px`).toBe(0);
  });

  it("captures real output: the sticky comment's and the drift pull request's own markers are there", () => {
    const byName = new Map(shots.map((shot) => [shot.name, shot.page]));
    expect(byName.get("comment-820")?.markdown).toMatch(/<!-- plumbline/);
    expect(byName.get("drift-pull-request")?.markdown).toMatch(/<!-- plumbline:drift /);
    expect(byName.get("dashboard")?.markdown).toMatch(/<!-- plumbline:dashboard /);
  });
});
