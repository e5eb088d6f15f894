import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import type { Finding } from "../../src/findings/finding.js";
import { renderJson } from "../../src/report/json.js";
import { BINARY_FILE, BROKEN_YAML, deployment, run, tempTree } from "../cli/helpers.js";

const FINDING_KEYS = ["column", "file", "fingerprint", "line", "message", "resource", "rule", "severity"];
const RESOURCE_KEYS = ["apiVersion", "kind", "name", "namespace"];
const SUMMARY_KEYS = ["byRule", "bySeverity", "files", "findings", "kubernetesVersion", "resources", "score"];

type Json = Record<string, unknown>;

function keys(value: unknown): string[] {
  return Object.keys(value as Json).sort();
}

describe("JSON output", () => {
  it("has exactly the documented keys for real findings", async () => {
    const dir = await tempTree({ "web.yaml": deployment("web", "nginx:latest"), "bad.yaml": BROKEN_YAML, "b.yaml": BINARY_FILE });
    const result = await check(["."], { cwd: dir });
    const report = JSON.parse(renderJson(result.findings, result.summary)) as { findings: Json[]; summary: Json };
    expect(keys(report)).toEqual(["findings", "summary", "version"]);
    expect(Object.keys(report)[0]).toBe("version");
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    for (const finding of report.findings) {
      expect(keys(finding).filter((key) => key !== "fix" && key !== "fixApplicability")).toEqual(FINDING_KEYS);
      expect(keys(finding.resource)).toEqual(RESOURCE_KEYS);
    }
    expect(keys(report.summary)).toEqual(SUMMARY_KEYS);
    expect(keys(report.summary.bySeverity)).toEqual(["error", "info", "warning"]);
    expect(report.summary).toMatchObject({ files: 3, resources: 1, findings: report.findings.length });
  });

  it("includes fix only when there is one, and never internal fields", () => {
    const base: Finding = {
      rule: "image-tag-latest",
      severity: "warning",
      file: "a.yaml",
      line: 3,
      column: 7,
      resource: { apiVersion: "v1", kind: "Pod", namespace: null, name: "p" },
      message: "m",
      fingerprint: "abc",
      path: "/spec/containers/0/image",
    };
    const withFix: Finding = { ...base, fix: [{ op: "replace", path: "/spec/containers/0/image", value: "nginx:1.27" }] };
    const summary = {
      files: 1,
      resources: 1,
      findings: 2,
      bySeverity: { error: 0, warning: 2, info: 0 },
      byRule: {},
      score: { overall: 100, resources: [] },
      kubernetesVersion: "1.31",
    };
    const [plain, fixed] = (JSON.parse(renderJson([base, withFix], summary)) as { findings: Json[] }).findings;
    expect(keys(plain)).toEqual(FINDING_KEYS);
    expect(keys(fixed)).toEqual([...FINDING_KEYS, "fix", "fixApplicability"].sort());
    expect(fixed?.fix).toEqual(withFix.fix);
    // a fix that does not say which kind it is counts as unsafe, as --fix takes it
    expect(fixed?.fixApplicability).toBe("unsafe");
    expect(plain).toMatchObject({ line: 3, column: 7, resource: { namespace: null } });
  });

  it("keeps each file as it was given on the command line", async () => {
    const dir = await tempTree({ "deploy/prod/bad.yaml": BROKEN_YAML, "other/bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "./deploy/prod/bad.yaml", "other", "--format", "json"]);
    const files = (JSON.parse(result.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(files.sort()).toEqual(["./deploy/prod/bad.yaml", "other/bad.yaml"]);
  });
});
