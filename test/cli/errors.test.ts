import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { BROKEN_YAML, memoryIo, run, tempTree } from "./helpers.js";

/** A stack trace has `    at fn (file:line:col)` frames; a clear message never does. */
const STACK_FRAME = /^\s+at .+[:(]/m;

function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
}

describe("plumbline check usage errors", () => {
  it("exits 2 on an unknown flag, naming it", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "bad.yaml", "--bogus"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^plumbline: unknown option --bogus\n/);
    expect(result.stderr).toContain('plumbline check --help"');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([
    [["--format", "xml"], /--format must be one of text, json, sarif, markdown, not "xml"/],
    [["--fail-on", "critical"], /--fail-on must be one of error, warning, info, none, not "critical"/],
    [["--kubernetes-version", "latest"], /--kubernetes-version must look like 1\.31, not "latest"/],
    [["--max-file-size", "10MB"], /--max-file-size must be a positive whole number of bytes, not "10MB"/],
    [["--max-file-size", "0"], /--max-file-size must be a positive whole number/],
    [["--output"], /--output/],
    [["--output", ""], /--output needs a file name/],
  ])("exits 2 on %j with a message saying what is accepted", async (flags, message) => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "bad.yaml", ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it("accepts flags in any case or position, --format=VALUE, and -- before paths", async () => {
    const dir = await tempTree({ "--odd.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "--format=JSON", "--fail-on=none", "--", "--odd.yaml"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings[0].file).toBe("--odd.yaml");
  });
});

describe("plumbline check input errors", () => {
  it("exits 2 with one line for a path that does not exist", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "bad.yaml", "missing/app.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expectOneLine(result.stderr, /^plumbline: missing\/app\.yaml: no such file or directory$/m);
  });

  it("exits 2 for a glob that matches nothing", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "deploy/**/*.yaml"]);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /deploy\/\*\*\/\*\.yaml: no file matches this pattern/);
  });

  it("exits 2 naming the key and line of an invalid configuration", async () => {
    const dir = await tempTree({
      "app.yaml": BROKEN_YAML,
      "plumbline.yml": "# team settings\nrules:\n  image-tag-latest: warning\nignroe:\n  - vendor/**\n",
    });
    const result = await run(dir, ["check", "app.yaml", "--config", "plumbline.yml"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expectOneLine(result.stderr, /^plumbline: plumbline\.yml:4:1: ignroe: unknown key \(did you mean ignore\?\)$/m);
  });

  it("exits 2 when --config names a file that is not there", async () => {
    const dir = await tempTree({ "app.yaml": BROKEN_YAML });
    const result = await run(dir, ["check", "app.yaml", "--config", "nope.yml"]);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^plumbline: nope\.yml: cannot read the configuration \(no such file\)$/m);
  });

  it("reports an unexpected failure as an internal error without a stack trace", async () => {
    const dir = await tempTree({});
    const io = {
      ...memoryIo(dir),
      readStdin: async () => {
        throw new Error("stdin exploded");
      },
    };
    const code = await main(["check", "-"], io);
    expect(code).toBe(2);
    expect(io.captured.stderr).toContain("internal error: stdin exploded");
    expect(io.captured.stderr).not.toMatch(STACK_FRAME);
  });

  it("shows the stack of an internal error only with PLUMBLINE_DEBUG", async () => {
    const dir = await tempTree({});
    const io = {
      ...memoryIo(dir, { env: { PLUMBLINE_DEBUG: "1" } }),
      readStdin: async () => {
        throw new Error("stdin exploded");
      },
    };
    expect(await main(["check", "-"], io)).toBe(2);
    expect(io.captured.stderr).toMatch(STACK_FRAME);
  });
});
