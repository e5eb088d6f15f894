import { describe, expect, it } from "vitest";
import type { ChangedFile } from "../../action/changed-files.js";
import { parseHunks } from "../../action/diff-hunks.js";
import {
  commentBody,
  findingMarker,
  MAX_INLINE_COMMENTS,
  planInlineComments,
  postedFingerprints,
  suggestionBlock,
} from "../../action/review-comments.js";
import { treeFilter } from "../../action/revision.js";
import type { Finding } from "../../src/findings/finding.js";

function finding(fingerprint: string, line: number, extra: Partial<Finding> = {}): Finding {
  return {
    rule: "image-tag-latest",
    severity: "warning",
    file: "deploy/web.yaml",
    line,
    column: 11,
    resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: null, name: "web" },
    message: 'container "web" image "nginx:latest" uses the :latest tag',
    fingerprint,
    path: "/spec/template/spec/containers/0/image",
    ...extra,
  };
}

// a file whose lines 10..16 are shown by the diff, with 13 added
const changed = new Map<string, ChangedFile>([
  [
    "deploy/web.yaml",
    { path: "deploy/web.yaml", status: "modified", hunks: parseHunks("@@ -10,6 +10,7 @@\n a\n b\n c\n+d\n e\n f\n g") },
  ],
]);

describe("planInlineComments", () => {
  it("comments on lines a hunk shows, lists the rest as outside the diff, and skips what was posted", () => {
    const plan = planInlineComments(
      [finding("aaaa", 13), finding("bbbb", 3), finding("cccc", 16), finding("dddd", 12)],
      changed,
      new Set(["cccc"]),
      () => undefined,
    );
    expect(plan.comments.map((c) => [c.fingerprint, c.line])).toEqual([
      ["aaaa", 13],
      ["dddd", 12],
    ]);
    expect(plan.outsideDiff.map((f) => f.fingerprint)).toEqual(["bbbb"]);
    expect(plan.alreadyPosted.map((f) => f.fingerprint)).toEqual(["cccc"]);
  });

  it("attaches a multi-line suggestion only when the lines it replaces are all in the hunk", () => {
    const inside = planInlineComments([finding("aaaa", 13)], changed, new Set(), () => ({
      startLine: 12,
      endLine: 14,
      lines: ["x"],
    }));
    expect(inside.comments[0]).toMatchObject({ line: 14, startLine: 12 });
    expect(inside.comments[0]?.body).toContain("```suggestion\nx\n```");
    // the suggestion says which kind of fix it is (this finding's says nothing: unsafe)
    expect(inside.comments[0]?.body).toContain("Unsafe fix: ");
    const safe = planInlineComments([finding("aaaa", 13, { fixApplicability: "safe" })], changed, new Set(), () => ({
      startLine: 12,
      endLine: 14,
      lines: ["x"],
    }));
    expect(safe.comments[0]?.body).toContain("\nSafe fix (`plumbline check --fix` makes it):\n```suggestion\nx\n```");
    const across = planInlineComments([finding("aaaa", 13)], changed, new Set(), () => ({
      startLine: 15,
      endLine: 18,
      lines: ["x"],
    }));
    expect(across.comments[0]).toMatchObject({ line: 13 });
    expect(across.comments[0]?.startLine).toBeUndefined();
    expect(across.comments[0]?.body).not.toContain("suggestion");
  });

  it("stops at MAX_INLINE_COMMENTS per pull request, counting those of earlier runs", () => {
    const many = Array.from({ length: MAX_INLINE_COMMENTS + 5 }, (_, i) => finding(`f${i}`, 13));
    const first = planInlineComments(many, changed, new Set(), () => undefined);
    expect(first.comments).toHaveLength(MAX_INLINE_COMMENTS);
    expect(first.overflow).toHaveLength(5);
    const later = planInlineComments(
      [finding("new", 13)],
      changed,
      new Set(first.comments.map((c) => c.fingerprint)),
      () => undefined,
    );
    expect(later.comments).toEqual([]);
    expect(later.overflow.map((f) => f.fingerprint)).toEqual(["new"]);
  });

  it("posts one comment per fingerprint even when a finding repeats", () => {
    const plan = planInlineComments([finding("aaaa", 13), finding("aaaa", 13)], changed, new Set(), () => undefined);
    expect(plan.comments).toHaveLength(1);
  });
});

describe("comment bodies", () => {
  it("carry a marker that a later run reads back", () => {
    const body = commentBody(finding("0123abcd", 13), undefined);
    expect(body.startsWith(findingMarker("0123abcd"))).toBe(true);
    expect(postedFingerprints([body, undefined, "no marker here"])).toEqual(new Set(["0123abcd"]));
  });

  it("fence a suggestion longer than any backtick run inside it", () => {
    expect(suggestionBlock(["a: b"])).toBe("```suggestion\na: b\n```");
    expect(suggestionBlock(["run: echo ````"])).toBe("`````suggestion\nrun: echo ````\n`````");
  });
});

describe("treeFilter (what the API fallback downloads)", () => {
  const entries = [
    { path: "deploy/web.yaml", mode: "100644", type: "blob", sha: "1", size: 10 },
    { path: "deploy/link.yaml", mode: "120000", type: "blob", sha: "2", size: 10 },
    { path: "deploy/README.md", mode: "100644", type: "blob", sha: "3", size: 10 },
    { path: "deploy/kust/kustomization.yaml", mode: "100644", type: "blob", sha: "4", size: 10 },
    { path: "deploy/kust/config.env", mode: "100644", type: "blob", sha: "5", size: 10 },
    { path: "other/x.yml", mode: "100644", type: "blob", sha: "6", size: 10 },
    { path: "deploy/huge.yaml", mode: "100644", type: "blob", sha: "7", size: 50 * 1024 * 1024 },
    { path: "deploy", mode: "040000", type: "tree", sha: "8" },
  ];

  it("takes manifests and Kustomize inputs under the paths, never symlinks or huge files", () => {
    expect(treeFilter(entries, ["deploy/"]).map((e) => e.path)).toEqual([
      "deploy/web.yaml",
      "deploy/kust/kustomization.yaml",
      "deploy/kust/config.env",
    ]);
    expect(treeFilter(entries, ["."]).map((e) => e.path)).toContain("other/x.yml");
    expect(treeFilter(entries, ["other/x.yml"]).map((e) => e.path)).toEqual(["other/x.yml"]);
  });
});
