import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hunkAt, inOneHunk, parseGitDiff, parseHunks } from "../../src/review/index.js";
import { FixtureRepo, git } from "../action/support/fixture-repo.js";

describe("parseHunks", () => {
  const patch = [
    "@@ -1,4 +1,5 @@",
    " apiVersion: v1",
    "-kind: Pod",
    "+kind: ConfigMap",
    "+metadata: {}",
    " data:",
    "   a: b",
    "@@ -20,3 +21,0 @@",
    "-gone",
    "-gone",
    "-gone",
    "@@ -40 +40 @@",
    "-x: 1",
    "+x: 2",
    "\\ No newline at end of file",
  ].join("\n");

  it("knows which new-file lines each hunk shows and which it added", () => {
    expect(parseHunks(patch)).toEqual([
      { start: 1, end: 5, added: [2, 3] },
      { start: 40, end: 40, added: [40] },
    ]);
  });

  it("answers for single lines and for ranges that must stay in one hunk", () => {
    const hunks = parseHunks(patch);
    expect(hunkAt(hunks, 5)?.start).toBe(1);
    expect(hunkAt(hunks, 6)).toBeUndefined();
    expect(hunkAt(hunks, 21)).toBeUndefined(); // a pure deletion shows nothing of the new file
    expect(inOneHunk(hunks, 2, 5)).toBe(true);
    expect(inOneHunk(hunks, 5, 40)).toBe(false);
  });

  it("treats a missing patch (binary, too large) as nothing to comment on", () => {
    expect(parseHunks(undefined)).toEqual([]);
  });
});

describe("parseGitDiff on real git output", () => {
  let fixture: FixtureRepo;
  let diff: string;

  beforeAll(async () => {
    fixture = await FixtureRepo.create();
    const base = await fixture.commit("base", {
      "a.yaml": "one: 1\ntwo: 2\nthree: 3\n",
      "old name.yaml": "kind: Pod\nmetadata:\n  name: keep-me-the-same-for-rename-detection\n  labels: {}\n",
      "gone.yaml": "x: 1\n",
      "tab\there.yaml": "k: v\n",
    });
    const head = await fixture.commit("head", {
      "a.yaml": "one: 1\ntwo: 22\nthree: 3\nfour: 4\n",
      "old name.yaml": null,
      "new name.yaml": "kind: Pod\nmetadata:\n  name: keep-me-the-same-for-rename-detection\n  labels: {}\n",
      "gone.yaml": null,
      "tab\there.yaml": "k: w\n",
      "ünïcode/dir/new.yaml": "a: b\n",
    });
    diff = await git(fixture.dir, "-c", "core.quotePath=false", "diff", "--find-renames", "--unified=3", base, head);
  });

  afterAll(async () => {
    await fixture.dispose();
  });

  it("finds every file with its status, old name and hunks", () => {
    const files = parseGitDiff(diff);
    const byPath = Object.fromEntries(files.map((file) => [file.path, file]));
    expect(Object.keys(byPath).sort()).toEqual([
      "a.yaml",
      "gone.yaml",
      "new name.yaml",
      "tab\there.yaml",
      "ünïcode/dir/new.yaml",
    ]);
    expect(byPath["a.yaml"]).toMatchObject({ status: "modified", hunks: [{ start: 1, end: 4, added: [2, 4] }] });
    expect(byPath["new name.yaml"]).toMatchObject({ status: "renamed", previousPath: "old name.yaml", hunks: [] });
    expect(byPath["gone.yaml"]).toMatchObject({ status: "removed" });
    expect(byPath["ünïcode/dir/new.yaml"]).toMatchObject({ status: "added", hunks: [{ start: 1, end: 1, added: [1] }] });
  });

  it("agrees with the git binary on which lines were added", async () => {
    const { stdout } = await promisify(execFile)("git", ["--version"]);
    expect(stdout).toMatch(/^git version/);
    const added = parseGitDiff(diff).flatMap((file) =>
      file.hunks.flatMap((hunk) => hunk.added.map((line) => `${file.path}:${line}`)),
    );
    expect(added).toEqual(["a.yaml:2", "a.yaml:4", "tab\there.yaml:1", "ünïcode/dir/new.yaml:1"]);
  });
});
