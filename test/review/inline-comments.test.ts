import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import {
  type ChangedFile,
  commentBody,
  findingMarker,
  MAX_INLINE_COMMENTS,
  parseHunks,
  planInlineComments,
  postedFingerprints,
  type Suggester,
  type Suggestion,
  suggestionBlock,
} from "../../src/review/index.js";

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

/** A suggester that knows one suggestion per finding and merges nothing. */
function stub(suggestion: Suggestion | undefined): Suggester {
  return {
    merged: (findings) => (suggestion ? findings.map((f) => ({ file: f.file, findings: [f], suggestion })) : []),
    single: () => suggestion,
  };
}
const FIX = [{ op: "replace" as const, path: "/spec/template/spec/containers/0/image", value: "nginx:1.27" }];

describe("planInlineComments", () => {
  it("comments on lines a hunk shows, lists the rest as outside the diff, and skips what was posted", () => {
    const plan = planInlineComments(
      [finding("aaaa", 13), finding("bbbb", 3), finding("cccc", 16), finding("dddd", 12)],
      changed,
      new Set(["cccc"]),
      undefined,
    );
    expect(plan.comments.map((c) => [c.fingerprints, c.line])).toEqual([
      [["aaaa"], 13],
      [["dddd"], 12],
    ]);
    expect(plan.outsideDiff.map((f) => f.fingerprint)).toEqual(["bbbb"]);
    expect(plan.alreadyPosted.map((f) => f.fingerprint)).toEqual(["cccc"]);
  });

  it("attaches a multi-line suggestion only when the lines it replaces are all in the hunk", () => {
    const inside = planInlineComments(
      [finding("aaaa", 13, { fix: FIX })],
      changed,
      new Set(),
      stub({ startLine: 12, endLine: 14, lines: ["x"] }),
    );
    expect(inside.comments[0]).toMatchObject({ line: 14, startLine: 12 });
    expect(inside.comments[0]?.body).toContain("```suggestion\nx\n```");
    // the suggestion says which kind of fix it is (this finding's says nothing: unsafe)
    expect(inside.comments[0]?.body).toContain("Unsafe fix: ");
    const safe = planInlineComments(
      [finding("aaaa", 13, { fix: FIX, fixApplicability: "safe" })],
      changed,
      new Set(),
      stub({ startLine: 12, endLine: 14, lines: ["x"] }),
    );
    expect(safe.comments[0]?.body).toContain("\nSafe fix (`plumbline check --fix` makes it):\n```suggestion\nx\n```");
    const across = planInlineComments(
      [finding("aaaa", 13, { fix: FIX })],
      changed,
      new Set(),
      stub({ startLine: 15, endLine: 18, lines: ["x"] }),
    );
    expect(across.comments[0]).toMatchObject({ line: 13 });
    expect(across.comments[0]?.startLine).toBeUndefined();
    expect(across.comments[0]?.body).not.toContain("suggestion");
  });

  it("stops at MAX_INLINE_COMMENTS per pull request, counting those of earlier runs", () => {
    const many = Array.from({ length: MAX_INLINE_COMMENTS + 5 }, (_, i) => finding(`f${i}`, 13));
    const first = planInlineComments(many, changed, new Set(), undefined);
    expect(first.comments).toHaveLength(MAX_INLINE_COMMENTS);
    expect(first.overflow).toHaveLength(5);
    const later = planInlineComments(
      [finding("new", 13)],
      changed,
      new Set(first.comments.flatMap((c) => c.fingerprints)),
      undefined,
    );
    expect(later.comments).toEqual([]);
    expect(later.overflow.map((f) => f.fingerprint)).toEqual(["new"]);
  });

  it("posts one comment per fingerprint even when a finding repeats", () => {
    const plan = planInlineComments([finding("aaaa", 13), finding("aaaa", 13)], changed, new Set(), undefined);
    expect(plan.comments).toHaveLength(1);
  });
});

describe("comment bodies", () => {
  it("carry a marker that a later run reads back", () => {
    const body = commentBody([finding("0123abcd", 13)], undefined);
    expect(body.startsWith(findingMarker("0123abcd"))).toBe(true);
    expect(postedFingerprints([body, undefined, "no marker here"])).toEqual(new Set(["0123abcd"]));
  });

  it("fence a suggestion longer than any backtick run inside it", () => {
    expect(suggestionBlock(["a: b"])).toBe("```suggestion\na: b\n```");
    expect(suggestionBlock(["run: echo ````"])).toBe("`````suggestion\nrun: echo ````\n`````");
  });
});

describe("suggestions that can all be applied", () => {
  const fixable = (fingerprint: string, line: number) => finding(fingerprint, line, { fix: FIX, fixApplicability: "safe" });

  it("one comment carries the merged suggestion and speaks for every finding it fixes", () => {
    const [a, b] = [fixable("aaaa", 13), fixable("bbbb", 14)];
    const merged: Suggester = {
      merged: () => [{ file: "deploy/web.yaml", findings: [a, b], suggestion: { startLine: 13, endLine: 14, lines: ["m"] } }],
      single: () => undefined,
    };
    const plan = planInlineComments([a, b], changed, new Set(), merged);
    expect(plan.comments).toHaveLength(1);
    expect(plan.comments[0]).toMatchObject({ fingerprints: ["aaaa", "bbbb"], line: 14, startLine: 13 });
    expect(plan.comments[0]?.body.match(/plumbline:finding:/g)).toHaveLength(2);
    expect(plan.comments[0]?.body).toContain("One change for the 2 fixes above. Safe fix");
  });

  it("falls back to one suggestion each when the merged one leaves the hunk, never two on one line", () => {
    const [a, b, c] = [fixable("aaaa", 13), fixable("bbbb", 14), fixable("cccc", 15)];
    const singles = new Map([
      [a, { startLine: 13, endLine: 13, lines: ["a"] }],
      [b, { startLine: 13, endLine: 14, lines: ["b"] }],
      [c, { startLine: 15, endLine: 15, lines: ["c"] }],
    ]);
    const suggester: Suggester = {
      merged: () => [{ file: "deploy/web.yaml", findings: [a, b, c], suggestion: { startLine: 13, endLine: 18, lines: ["m"] } }],
      single: (f) => singles.get(f),
    };
    const plan = planInlineComments([a, b, c], changed, new Set(), suggester);
    expect(plan.comments.map((comment) => [comment.fingerprints[0], comment.suggestion?.lines[0]])).toEqual([
      ["aaaa", "a"],
      // b's suggestion would replace line 13 too: it goes without one
      ["bbbb", undefined],
      ["cccc", "c"],
    ]);
  });
});
