import { describe, expect, it } from "vitest";
import type { LoadProblem } from "../../src/manifests/resource.js";
import { lintSet } from "./helpers.js";

const RULE = "kustomize-build-failed";

const failure: LoadProblem = {
  kind: "build-failed",
  file: "overlays/prod/kustomization.yaml",
  line: 1,
  column: 1,
  message:
    "no matches for Id Deployment.v1.apps/frontend.[noNs]; failed to find unique target for patch Deployment.v1.apps/frontend.[noNs]",
};

describe(RULE, () => {
  it("reports a failed build as an error on the kustomization, with kustomize's reason", () => {
    const findings = lintSet({ resources: [], problems: [failure], files: [failure.file] });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: RULE,
        severity: "error",
        file: "overlays/prod/kustomization.yaml",
        line: 1,
        message: `kustomize build failed: ${failure.message}`,
      }),
    ]);
  });

  it("keeps one fingerprint for one failure, and is no YAML syntax error", () => {
    const once = lintSet({ resources: [], problems: [failure], files: [failure.file] });
    const again = lintSet({ resources: [], problems: [{ ...failure }], files: [failure.file] });
    expect(again[0]?.fingerprint).toBe(once[0]?.fingerprint);
    expect(once.some((f) => f.rule === "yaml-syntax-error")).toBe(false);
  });

  it("leaves files that were not rendered to file-skipped", () => {
    const notRendered: LoadProblem = { ...failure, kind: "not-rendered", message: "not checked: kubectl is not on PATH" };
    const findings = lintSet({ resources: [], problems: [notRendered], files: [failure.file] });
    expect(findings.map((f) => f.rule)).toEqual(["file-skipped"]);
  });
});
