import path from "node:path";
import { describe, expect, it } from "vitest";
import { BINARY_FILE, BROKEN_YAML, deployment, type JsonReport, run, tempTree } from "./helpers.js";

async function jsonReport(cwd: string, argv: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await run(cwd, [...argv, "--format", "json"]);
  expect(result.stderr).toBe("");
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

function severityOf(report: JsonReport, rule: string): string[] {
  return report.findings.filter((f) => f.rule === rule).map((f) => f.severity);
}

describe("configuration found at the repository root", () => {
  it("applies ignore globs relative to the root, from any directory inside it", async () => {
    const files = {
      ".git/HEAD": "ref: refs/heads/main\n",
      "deploy/vendor/broken.yaml": BROKEN_YAML,
      "deploy/app/broken.yaml": BROKEN_YAML,
    };
    const unconfigured = await tempTree(files);
    const before = await jsonReport(path.join(unconfigured, "deploy"), ["check", "."]);
    expect(before.report.findings.map((f) => f.file).sort()).toEqual(["app/broken.yaml", "vendor/broken.yaml"]);

    const configured = await tempTree({ ...files, ".github/plumbline.yml": "ignore:\n  - deploy/vendor/**\n" });
    const after = await jsonReport(path.join(configured, "deploy"), ["check", "."]);
    expect(after.report.findings.map((f) => f.file)).toEqual(["app/broken.yaml"]);
    expect(after.report.summary.files).toBe(1);
  });

  it("accepts a directory written with ./ and a trailing slash, the way people write .gitignore", async () => {
    const root = await tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".github/plumbline.yml": "ignore:\n  - ./generated/\n",
      "generated/deep/broken.yaml": BROKEN_YAML,
      "app/broken.yaml": BROKEN_YAML,
    });
    const { report } = await jsonReport(root, ["check", "."]);
    expect(report.findings.map((f) => f.file)).toEqual(["app/broken.yaml"]);
  });

  it("prefers --config over the repository's file", async () => {
    const root = await tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".github/plumbline.yml": "rules:\n  yaml-syntax-error: off\n",
      "strict.yml": "rules:\n  yaml-syntax-error: error\n",
      "broken.yaml": BROKEN_YAML,
    });
    // with its one finding switched off, the file yields nothing: the notice says nothing was checked
    const quiet = await run(root, ["check", "broken.yaml", "--format", "json"]);
    expect((JSON.parse(quiet.stdout) as JsonReport).findings).toEqual([]);
    expect(quiet.stderr).toMatch(/^plumbline: notice: 0 resources checked/);
    const strict = await jsonReport(root, ["check", "broken.yaml", "--config", "strict.yml"]);
    expect(strict.report.findings.map((f) => f.rule)).toEqual(["yaml-syntax-error"]);
  });
});

describe("rule settings", () => {
  it("changes a rule's severity, in the short and the long form", async () => {
    const dir = await tempTree({
      "app.yaml": deployment("web", "nginx:latest"),
      "raise.yml": "rules:\n  image-tag-latest: error\n",
      "lower.yml": "rules:\n  image-tag-latest:\n    severity: info\n",
    });
    const defaults = await jsonReport(dir, ["check", "app.yaml", "--fail-on", "none"]);
    expect(severityOf(defaults.report, "image-tag-latest")).toEqual(["warning"]);

    const raised = await jsonReport(dir, ["check", "app.yaml", "-c", "raise.yml", "--fail-on", "none"]);
    expect(severityOf(raised.report, "image-tag-latest")).toEqual(["error"]);

    const lowered = await jsonReport(dir, ["check", "app.yaml", "-c", "lower.yml", "--fail-on", "none"]);
    expect(severityOf(lowered.report, "image-tag-latest")).toEqual(["info"]);
  });

  it("switches a rule off with off, false or enabled: false", async () => {
    for (const setting of ["off", "false", "{ enabled: false }"]) {
      const dir = await tempTree({
        "app.yaml": deployment("web", "nginx:latest"),
        "blob.yaml": BINARY_FILE,
        "plumbline.yml": `rules:\n  image-tag-latest: ${setting}\n`,
      });
      const { report } = await jsonReport(dir, ["check", ".", "-c", "plumbline.yml", "--fail-on", "none"]);
      expect(report.findings.map((f) => f.rule)).not.toContain("image-tag-latest");
      // only the rule named is affected
      expect(report.findings.map((f) => f.rule)).toContain("file-skipped");
    }
  });

  it("takes the Kubernetes version from the flag over the configuration, as major.minor", async () => {
    const dir = await tempTree({ "app.yaml": BROKEN_YAML, "plumbline.yml": 'kubernetesVersion: "1.27"\n' });
    const fromConfig = await jsonReport(dir, ["check", "app.yaml", "-c", "plumbline.yml"]);
    expect(fromConfig.report.summary).toMatchObject({ kubernetesVersion: "1.27" });
    const fromFlag = await jsonReport(dir, ["check", "app.yaml", "-c", "plumbline.yml", "--kubernetes-version", "v1.29.3"]);
    expect(fromFlag.report.summary).toMatchObject({ kubernetesVersion: "1.29" });
  });

  it("skips files over --max-file-size with a file-skipped finding", async () => {
    const dir = await tempTree({ "app.yaml": deployment("web", "nginx:1.27") });
    const { report } = await jsonReport(dir, ["check", "app.yaml", "--max-file-size", "64"]);
    expect(report.findings.map((f) => f.rule)).toEqual(["file-skipped"]);
    expect(report.summary.resources).toBe(0);
  });
});
