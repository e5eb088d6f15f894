import { describe, expect, it } from "vitest";
import type { LoadProblem } from "../../src/manifests/resource.js";
import { lintSet } from "./helpers.js";

const RULE = "file-skipped";

function problem(kind: LoadProblem["kind"]): LoadProblem {
  return { kind, file: "big.yaml", line: 1, column: 1, message: `skipped: ${kind}` };
}

describe(RULE, () => {
  it.each([
    "too-large",
    "binary",
    "unreadable",
    "not-rendered",
    "not-listed",
    "unused-component",
    "template",
    "symlink",
  ] as const)("reports a %s file as info, with the loader's message", (kind) => {
    const findings = lintSet({ resources: [], problems: [problem(kind)], files: ["big.yaml"] });
    expect(findings).toEqual([
      expect.objectContaining({ rule: RULE, severity: "info", file: "big.yaml", line: 1, message: `skipped: ${kind}` }),
    ]);
  });

  it("leaves syntax problems to yaml-syntax-error and failed builds to kustomize-build-failed", () => {
    const problems = [problem("syntax"), problem("duplicate-key"), problem("build-failed")];
    const findings = lintSet({ resources: [], problems, files: ["big.yaml"] });
    expect(findings.filter((f) => f.rule === RULE)).toEqual([]);
  });
});
