import { describe, expect, it } from "vitest";
import { BINARY_FILE, BROKEN_YAML, NOT_A_MANIFEST, run, tempTree } from "./helpers.js";

describe("plumbline check exit codes", () => {
  it("exits 1 on an error finding by default and 0 with --fail-on none", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const failing = await run(dir, ["check", "bad.yaml"]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("yaml-syntax-error");
    expect(failing.stderr).toBe("");

    const tolerated = await run(dir, ["check", "bad.yaml", "--fail-on", "none"]);
    expect(tolerated.code).toBe(0);
    expect(tolerated.stdout).toContain("yaml-syntax-error");
  });

  it("compares the threshold with the worst finding: info fails only at --fail-on info", async () => {
    const dir = await tempTree({ "blob.yaml": BINARY_FILE });
    expect((await run(dir, ["check", "blob.yaml"])).code).toBe(0);
    expect((await run(dir, ["check", "blob.yaml", "--fail-on", "error"])).code).toBe(0);
    expect((await run(dir, ["check", "blob.yaml", "--fail-on", "warning"])).code).toBe(0);
    const info = await run(dir, ["check", "blob.yaml", "--fail-on", "info"]);
    expect(info.code).toBe(1);
    expect(info.stdout).toContain("file-skipped");
  });

  it("fails on warnings at --fail-on warning once a rule is raised to warning", async () => {
    const dir = await tempTree({
      "blob.yaml": BINARY_FILE,
      "plumbline.yml": "rules:\n  file-skipped: warning\n",
    });
    const base = ["check", "blob.yaml", "--config", "plumbline.yml"];
    expect((await run(dir, [...base, "--fail-on", "warning"])).code).toBe(1);
    expect((await run(dir, [...base, "--fail-on", "error"])).code).toBe(0);
  });

  it("exits 0 when nothing is found, saying nothing was checked rather than passed", async () => {
    const dir = await tempTree({ "values.yaml": NOT_A_MANIFEST });
    const result = await run(dir, ["check", "."]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("0 resources checked (1 file read).\n");
    expect(result.stderr).toBe("plumbline: notice: 0 resources checked: found 1 file(s) but no Kubernetes object in .\n");
  });

  it("takes failOn from the configuration, and --fail-on over it", async () => {
    const dir = await tempTree({ "blob.yaml": BINARY_FILE, "plumbline.yml": "failOn: info\n" });
    expect((await run(dir, ["check", "blob.yaml", "-c", "plumbline.yml"])).code).toBe(1);
    expect((await run(dir, ["check", "blob.yaml", "-c", "plumbline.yml", "--fail-on", "error"])).code).toBe(0);
  });

  it("checks the current directory when no path is given", async () => {
    const dir = await tempTree({ "nested/bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("nested/bad.yaml");
  });
});

describe("plumbline top level", () => {
  it("prints the version from package.json", async () => {
    const { default: manifest } = await import("../../package.json", { with: { type: "json" } });
    const result = await run(process.cwd(), ["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  it("shows help with exit 0 when asked, and exit 2 when no command is given", async () => {
    expect((await run(process.cwd(), ["--help"])).code).toBe(0);
    const bare = await run(process.cwd(), []);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage: plumbline <command>");
    const checkHelp = await run(process.cwd(), ["check", "--help"]);
    expect(checkHelp.code).toBe(0);
    expect(checkHelp.stdout).toContain("--fail-on");
  });

  it("rejects unknown commands, including names on Object's prototype", async () => {
    for (const name of ["chekc", "constructor", "toString"]) {
      const result = await run(process.cwd(), [name]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`unknown command "${name}"`);
    }
  });
});
