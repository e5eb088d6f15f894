import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckResult, check } from "../../src/check.js";
import { hardLimit, rowsThatFit } from "../../src/report/markdown-budget.js";
import {
  classify,
  failing,
  type PullRequestReport,
  readinessScore,
  renderPullRequestReport,
  STICKY_MARKER,
  scoreChange,
} from "../../src/review/index.js";

/** The report renderers, fed with findings the real core produced from real (and hostile) manifests. */

const BASE_SHA = "1".repeat(40);
const HEAD_SHA = "2".repeat(40);

function pod(name: string, image: string, container = "app"): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: "${container}"\n      image: "${image}"\n`;
}

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
  dir = await mkdtemp(path.join(tmpdir(), "plumbline-report-"));
  base = await analyse({ "deploy/a.yaml": pod("a", "nginx:latest"), "deploy/b.yaml": pod("b", "redis:latest") });
  head = await analyse({
    "deploy/a.yaml": pod("a", "nginx:1.27.0"),
    "deploy/b.yaml": pod("b", "redis:latest"),
    // a manifest written to break the comment: pipes, HTML, a mention, an issue reference
    "deploy/evil.yaml": pod("evil", "evil:latest", "c|<img src=x onerror=alert(1)>@octocat #1 `x`"),
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function report(overrides: Partial<PullRequestReport> = {}): PullRequestReport {
  const classified = classify(head.findings, base.findings);
  return {
    links: {
      file: (sha, file, line) => `https://github.com/o/r/blob/${sha}/${file}${line ? `#L${line}` : ""}`,
      run: undefined,
    },
    baseSha: BASE_SHA,
    headSha: HEAD_SHA,
    head: head.summary,
    base: base.summary,
    classified,
    onlyNew: true,
    failOn: "error",
    failing: failing(classified.introduced, "error"),
    changedFiles: new Set(["deploy/a.yaml", "deploy/evil.yaml"]),
    inline: new Set(),
    outsideDiff: new Set(),
    ...overrides,
  };
}

describe("classify", () => {
  it("tells new, existing and fixed findings apart by fingerprint", () => {
    const { introduced, existing, fixed } = classify(head.findings, base.findings);
    expect(fixed.every((f) => f.file === "deploy/a.yaml")).toBe(true);
    expect(fixed.some((f) => f.rule === "image-tag-latest")).toBe(true);
    expect(introduced.every((f) => f.file === "deploy/evil.yaml")).toBe(true);
    expect(existing.every((f) => f.file !== "deploy/evil.yaml")).toBe(true);
    expect(introduced.length + existing.length).toBe(head.findings.length);
  });

  it("counts duplicates: the same fingerprint twice at head and once at base is one new finding", () => {
    const [one] = base.findings;
    if (!one) throw new Error("no finding");
    expect(classify([one, one], [one])).toEqual({ introduced: [one], existing: [one], fixed: [] });
    expect(classify([one], [one, one])).toEqual({ introduced: [], existing: [one], fixed: [one] });
  });
});

describe("the sticky comment", () => {
  it("starts with the marker and escapes everything that came from the manifests", () => {
    const body = renderPullRequestReport(report(), 65_536, { marker: true });
    expect(body.startsWith(`${STICKY_MARKER}\n`)).toBe(true);
    expect(body).not.toContain("<img");
    expect(body).toContain("&lt;img");
    expect(body).not.toMatch(/@octocat/); // a zero-width space keeps GitHub from notifying anyone
    // every table row has exactly the three cells of its header
    for (const row of body.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| ---"))) {
      expect(row.replaceAll("\\|", "").split("|").length - 2, row).toBe(3);
    }
    expect(body).toContain(`/blob/${BASE_SHA}/deploy/a.yaml#L`);
    expect(body).toContain(`/blob/${HEAD_SHA}/deploy/evil.yaml#L`);
  });

  it("shows the readiness change between base and head", () => {
    const scored = report({
      head: { ...head.summary, score: { overall: 80, resources: [] } },
      base: { ...base.summary, score: { overall: 72, resources: [] } },
    });
    expect(renderPullRequestReport(scored, 65_536, { marker: false })).toContain("**Readiness 72 → 80 (+8)**");
  });

  it("never exceeds the limit: rows are dropped whole, new findings kept first, with a note", () => {
    const full = renderPullRequestReport(report(), 1_000_000, { marker: true });
    const limit = full.length - 200;
    const trimmed = renderPullRequestReport(report(), limit, { marker: true });
    expect(trimmed.length).toBeLessThanOrEqual(limit);
    expect(trimmed).toMatch(/…and \d+ more findings? not shown here/);
    expect(trimmed.trimEnd().endsWith("</sub>")).toBe(true);
    expect(trimmed).toContain("deploy/evil.yaml");
  });

  it("says when the base could not be read", () => {
    expect(renderPullRequestReport(report({ base: undefined }), 65_536, { marker: false })).toContain(
      "base revision could not be read",
    );
  });
});

describe("limits", () => {
  it("rowsThatFit keeps every row when all fit, and serves tables in order when not", () => {
    const table = (n: number) => ({ header: "h", rows: Array.from({ length: n }, () => "x".repeat(99)) });
    expect(rowsThatFit([table(3), table(3)], 0, 10_000)).toEqual([3, 3]);
    expect(rowsThatFit([table(10), table(10)], 0, 800 + 500)).toEqual([5, 0]);
  });

  it("hardLimit cuts at a line break and says so", () => {
    const cut = hardLimit("a\nbb\nccc\ndddd\n", 12, "[cut]");
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut).toBe("a\nbb\n\n[cut]");
  });

  it("readinessScore reads the overall score, and scoreChange works without a base", () => {
    expect(readinessScore(undefined)).toBeUndefined();
    expect(readinessScore({ ...head.summary, score: { overall: 64, resources: [] } })).toBe(64);
    expect(scoreChange({ ...head.summary, score: { overall: 70, resources: [] } }, undefined)).toBe("readiness 70");
  });
});
