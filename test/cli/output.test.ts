import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { githubSarifProblems } from "../report/sarif-github.js";
import { sarifValidator } from "../report/sarif-schema.js";
import { BROKEN_YAML, deployment, type JsonReport, run, tempTree } from "./helpers.js";

describe("plumbline check --output", () => {
  it("writes the report to the file, nothing to stdout, and no temporary file stays behind", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML, "reports/old.txt": "keep" });
    const result = await run(dir, ["check", "bad.yaml", "--format", "json", "--output", "reports/plumbline.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const report = JSON.parse(await readFile(path.join(dir, "reports/plumbline.json"), "utf8")) as JsonReport;
    expect(report.findings.map((f) => f.rule)).toEqual(["yaml-syntax-error"]);
    expect((await readdir(path.join(dir, "reports"))).sort()).toEqual(["old.txt", "plumbline.json"]);
  });

  it("replaces an existing report as a whole", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML, "out.sarif": "§".repeat(100_000) });
    await run(dir, ["check", "bad.yaml", "-f", "sarif", "-o", "out.sarif"]);
    const written = await readFile(path.join(dir, "out.sarif"), "utf8");
    expect(JSON.parse(written).version).toBe("2.1.0");
    // a filler no report holds (the rules' pages, SARIF help, have "xxxx" in examples)
    expect(written).not.toContain("§§§§");
  });

  it("exits 2 with one line and creates nothing when the directory does not exist", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "bad.yaml", "-o", "no/such/dir/report.txt"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("plumbline: no/such/dir/report.txt: cannot write the report (the directory does not exist)\n");
    expect(await readdir(dir)).toEqual(["bad.yaml"]);
  });

  it("exits 2 and cleans up when the target is a directory", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    await mkdir(path.join(dir, "out"));
    await writeFile(path.join(dir, "out", "inside.txt"), "x");
    const result = await run(dir, ["check", "bad.yaml", "-o", "out"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^plumbline: out: cannot write the report \(it is a directory\)\n$/);
    expect((await readdir(dir)).sort()).toEqual(["bad.yaml", "out"]);
    expect(await readdir(path.join(dir, "out"))).toEqual(["inside.txt"]);
  });

  it("treats -o - as stdout", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "bad.yaml", "-f", "json", "-o", "-"]);
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    expect(await readdir(dir)).toEqual(["bad.yaml"]);
  });
});

describe("plumbline check reading stdin", () => {
  it("checks what arrives on stdin for the path -", async () => {
    const dir = await tempTree({});
    const result = await run(dir, ["check", "-", "-f", "json"], { stdin: deployment("web", "nginx:latest") });
    const report = JSON.parse(result.stdout) as JsonReport;
    const latest = report.findings.find((f) => f.rule === "image-tag-latest");
    expect(latest).toMatchObject({ file: "<stdin>", line: 18, resource: { kind: "Deployment", name: "web" } });
    expect(report.summary.files).toBe(1);
  });

  it("reports broken YAML on stdin with its line", async () => {
    const dir = await tempTree({});
    const result = await run(dir, ["check", "-", "-f", "json"], { stdin: BROKEN_YAML });
    expect(result.code).toBe(1);
    const [finding] = (JSON.parse(result.stdout) as JsonReport).findings;
    expect(finding).toMatchObject({ rule: "yaml-syntax-error", file: "<stdin>", line: 3 });
  });
});

describe("plumbline check colour", () => {
  const ESC = "\u001b[";

  it("colours the text report on a terminal only", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    expect((await run(dir, ["check", "bad.yaml"], { tty: true })).stdout).toContain(ESC);
    expect((await run(dir, ["check", "bad.yaml"], { tty: false })).stdout).not.toContain(ESC);
  });

  it("respects NO_COLOR, --no-color, TERM=dumb and FORCE_COLOR", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const tty = { tty: true };
    expect((await run(dir, ["check", "bad.yaml"], { ...tty, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await run(dir, ["check", "bad.yaml", "--no-color"], tty)).stdout).not.toContain(ESC);
    expect((await run(dir, ["check", "bad.yaml"], { ...tty, env: { TERM: "dumb" } })).stdout).not.toContain(ESC);
    expect((await run(dir, ["check", "bad.yaml"], { ...tty, env: { FORCE_COLOR: "0" } })).stdout).not.toContain(ESC);
    expect((await run(dir, ["check", "bad.yaml"], { env: { FORCE_COLOR: "1" } })).stdout).toContain(ESC);
    const both = { env: { FORCE_COLOR: "1", NO_COLOR: "1" } };
    expect((await run(dir, ["check", "bad.yaml"], both)).stdout).not.toContain(ESC);
  });

  it("never writes colour into an --output file", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    await run(dir, ["check", "bad.yaml", "-o", "report.txt"], { tty: true, env: { FORCE_COLOR: "1" } });
    const text = await readFile(path.join(dir, "report.txt"), "utf8");
    expect(text).toContain("yaml-syntax-error");
    expect(text).not.toContain(ESC);
  });
});

describe("plumbline check --format sarif from a subdirectory", () => {
  it("writes artifact URIs relative to the repository root", async () => {
    const root = await tempTree({ ".git/HEAD": "ref: refs/heads/main\n", "deploy/prod/bad.yaml": BROKEN_YAML });
    const result = await run(path.join(root, "deploy"), ["check", "prod", "-f", "sarif"]);
    const log = JSON.parse(result.stdout);
    const [sarifResult] = log.runs[0].results;
    expect(sarifResult.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "deploy/prod/bad.yaml",
      uriBaseId: "%SRCROOT%",
    });
    // the root the URIs are relative to, and GitHub's line hash from the file the CLI read
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(`${new URL(`file://${root}/`).href}`);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(githubSarifProblems(log, { lineHashes: true })).toEqual([]);
  });
});

describe("plumbline check --format markdown", () => {
  it("prints the Markdown report", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "bad.yaml", "-f", "markdown"]);
    expect(result.stdout).toMatch(/^## Plumbline: 1 finding \(🔴 1 error · 🟡 0 warnings · 🔵 0 info\)$/m);
    expect(result.stdout).toContain("| 🔴\u00a0error | `bad.yaml:3` |");
  });
});
