import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckResult, check } from "../../src/check.js";
import { type ChangeInput, parseHunks, planChange, summariseChange } from "../../src/review/index.js";

/** The use case on its own: plain analyses and a diff in, a plain plan out, no forge anywhere. */

const LIMITS = { commentCharacters: 65_536, checkTextCharacters: 65_535, jobSummaryCharacters: 1_000_000 };
const WEB = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${image}\n`;

let dir: string;
let base: CheckResult;
let head: CheckResult;

async function analyse(files: Record<string, string>): Promise<CheckResult> {
  await rm(path.join(dir, "deploy"), { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return check(["deploy"], { cwd: dir, root: dir });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-review-change-"));
  base = await analyse({ "deploy/web.yaml": WEB("nginx:1.27.0"), "deploy/old.yaml": WEB("redis:latest").replace("web", "old") });
  head = await analyse({ "deploy/web.yaml": WEB("nginx:latest") });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function input(overrides: Partial<ChangeInput> = {}): ChangeInput {
  const text = WEB("nginx:latest");
  return {
    head,
    base,
    headFiles: { text: () => text, lastLine: () => text.split("\n").length - 1 },
    // only the image line is in the diff
    changedFiles: [
      {
        path: "deploy/web.yaml",
        status: "modified",
        hunks: parseHunks("@@ -8 +8 @@\n-      image: nginx:1.27.0\n+      image: nginx:latest"),
      },
    ],
    revisions: { baseSha: "1".repeat(40), headSha: "2".repeat(40) },
    gate: { failOn: "warning", onlyNew: true, source: "base", change: undefined },
    inline: { enabled: true, posted: new Set() },
    links: { file: (sha, file, line) => `https://forge.example/${sha}/${file}#${line}`, run: undefined },
    ...overrides,
  };
}

describe("planChange and summariseChange", () => {
  it("sort findings into new, fixed and unchanged, and judge only the new ones", () => {
    const plan = planChange(input());
    expect(plan.classified.introduced.map((f) => f.rule)).toContain("image-tag-latest");
    expect(plan.classified.fixed.every((f) => f.file === "deploy/old.yaml")).toBe(true);
    expect(plan.classified.fixed.length).toBeGreaterThan(0);
    expect(plan.verdict.judged).toEqual(plan.classified.introduced);
    expect(plan.verdict.passed).toBe(false);
    expect(plan.verdict.headline).toMatch(/^\d+ new findings?, \d+ at or above warning$/);
  });

  it("comment inline what the diff shows, and annotate the rest; a refused review annotates everything", () => {
    const plan = planChange(input());
    const inline = plan.inline.comments.flatMap((comment) => comment.fingerprints);
    expect(inline).toEqual([plan.classified.introduced.find((f) => f.rule === "image-tag-latest")?.fingerprint]);
    expect(plan.reviewBody).toContain("1 finding on lines");

    const delivered = summariseChange(plan, true, LIMITS);
    expect(delivered.annotations).toHaveLength(plan.classified.introduced.length - 1);
    expect(delivered.annotations.some((a) => a.title === "image-tag-latest")).toBe(false);
    expect(delivered.comment).toContain("#### Fixed in this pull request");
    expect(delivered.comment).toContain("https://forge.example/2222222222222222222222222222222222222222/deploy/web.yaml#8");

    const refused = summariseChange(plan, false, LIMITS);
    expect(refused.annotations).toHaveLength(plan.classified.introduced.length);
    expect(refused.comment).toMatch(/None of them is commented inline/);
  });

  it("plans no inline comment when the door's review is off, and keeps to the size limits it is given", () => {
    const plan = planChange(input({ inline: { enabled: false, posted: new Set() } }));
    expect(plan.inline.comments).toEqual([]);
    const small = summariseChange(plan, false, { ...LIMITS, commentCharacters: 1500 });
    expect(small.comment.length).toBeLessThanOrEqual(1500);
    expect(small.annotations).toHaveLength(plan.classified.introduced.length);
  });
});
