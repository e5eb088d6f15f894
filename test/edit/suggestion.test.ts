import { describe, expect, it } from "vitest";
import { applyPatchToYaml, suggestionFor, suggestionFromResult, suggestionLabel } from "../../src/edit/index.js";
import { yaml } from "./helpers.js";

const pod = yaml(
  "apiVersion: v1",
  "kind: Pod",
  "spec:",
  "  containers:",
  "    - name: web",
  "      image: nginx:1.25 # pinned",
  "      ports:",
  "        - containerPort: 80",
);

/** The original lines with the suggestion applied, as GitHub would. */
function applySuggestion(text: string, suggestion: { startLine: number; endLine: number; lines: readonly string[] }): string {
  const lines = text.split("\n");
  lines.splice(suggestion.startLine - 1, suggestion.endLine - suggestion.startLine + 1, ...suggestion.lines);
  return lines.join("\n");
}

describe("suggestions", () => {
  it("covers just the changed line", () => {
    const ops = [{ op: "replace", path: "/spec/containers/0/image", value: "nginx:1.27" }] as const;
    expect(suggestionFor(pod, { documentIndex: 0 }, [...ops])).toEqual({
      startLine: 6,
      endLine: 6,
      lines: ["      image: nginx:1.27 # pinned"],
    });
  });

  it("takes in the line before a pure insertion, since a suggestion replaces at least one line", () => {
    const ops = [{ op: "add", path: "/spec/containers/0/imagePullPolicy", value: "Always" }] as const;
    const suggestion = suggestionFor(pod, { documentIndex: 0 }, [...ops]);
    expect(suggestion).toEqual({
      startLine: 8,
      endLine: 8,
      lines: ["        - containerPort: 80", "      imagePullPolicy: Always"],
    });
    expect(applySuggestion(pod, suggestion as NonNullable<typeof suggestion>)).toBe(
      applyPatchToYaml(pod, { documentIndex: 0 }, [...ops]).text,
    );
  });

  it("takes in the next line when inserting before the first line", () => {
    const text = yaml("- b", "- c");
    const suggestion = suggestionFor(text, { documentIndex: 0 }, [{ op: "add", path: "/0", value: "a" }]);
    expect(suggestion).toEqual({ startLine: 1, endLine: 1, lines: ["- a", "- b"] });
  });

  it("spans all changes with one contiguous range", () => {
    const ops = [
      { op: "replace", path: "/kind", value: "Deployment" },
      { op: "replace", path: "/spec/containers/0/name", value: "api" },
    ] as const;
    const suggestion = suggestionFor(pod, { documentIndex: 0 }, [...ops]);
    expect(suggestion?.startLine).toBe(2);
    expect(suggestion?.endLine).toBe(5);
    expect(applySuggestion(pod, suggestion as NonNullable<typeof suggestion>)).toBe(
      applyPatchToYaml(pod, { documentIndex: 0 }, [...ops]).text,
    );
  });

  it("deletes lines with an empty suggestion", () => {
    const suggestion = suggestionFor(pod, { documentIndex: 0 }, [{ op: "remove", path: "/spec/containers/0/ports" }]);
    expect(suggestion).toEqual({ startLine: 7, endLine: 8, lines: [] });
  });

  it("is undefined when nothing changes", () => {
    expect(suggestionFor(pod, { documentIndex: 0 }, [{ op: "test", path: "/kind", value: "Pod" }])).toBeUndefined();
  });

  it("works from a result already computed, also for CRLF text", () => {
    const text = pod.replaceAll("\n", "\r\n");
    const result = applyPatchToYaml(text, { documentIndex: 0 }, [{ op: "replace", path: "/kind", value: "Job" }]);
    expect(suggestionFromResult(text, result)).toEqual({ startLine: 2, endLine: 2, lines: ["kind: Job"] });
  });
});

describe("suggestionLabel", () => {
  it("says which kind of fix a suggestion is, and takes a fix that does not say as unsafe", () => {
    expect(suggestionLabel("safe")).toMatch(/^Safe fix .*--fix/);
    expect(suggestionLabel("unsafe")).toMatch(/^Unsafe fix: .*--unsafe-fixes/);
    expect(suggestionLabel(undefined)).toBe(suggestionLabel("unsafe"));
  });
});
