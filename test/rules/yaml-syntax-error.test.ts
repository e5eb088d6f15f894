import { describe, expect, it } from "vitest";
import { yamlSyntaxError } from "../../src/rules/input/yaml-syntax-error.js";
import { findingsAlone, yaml } from "./helpers.js";

const RULE = "yaml-syntax-error";

describe(RULE, () => {
  it("reports a broken document as an error at the position of the problem", () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: broken
      data:
        key: [unclosed
    `;
    const findings = findingsAlone(yamlSyntaxError, text);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ severity: "error", file: "manifests/app.yaml" });
    expect(findings[0]?.line).toBeGreaterThanOrEqual(6);
  });

  it("leaves duplicate keys to yaml-duplicate-key: kubectl applies such a file", () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: dup
      data:
        a: "1"
        a: "2"
    `;
    expect(findingsAlone(yamlSyntaxError, text)).toEqual([]);
  });

  it("stays silent on valid YAML", () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: fine }
      data: { a: "1" }
    `;
    expect(findingsAlone(yamlSyntaxError, text)).toEqual([]);
  });

  it("can be switched off in the configuration", async () => {
    const { runRules } = await import("../../src/rules/engine.js");
    const problems = [{ kind: "syntax" as const, file: "a.yaml", line: 1, column: 1, message: "bad" }];
    const on = runRules({ resources: [], problems, files: ["a.yaml"] }, { kubernetesVersion: "1.30" });
    const off = runRules(
      { resources: [], problems, files: ["a.yaml"] },
      { kubernetesVersion: "1.30", rules: { [RULE]: { enabled: false } } },
    );
    expect(on.map((f) => f.rule)).toEqual([RULE]);
    expect(off).toEqual([]);
  });
});
