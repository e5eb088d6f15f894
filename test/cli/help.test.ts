import { describe, expect, it } from "vitest";
import { CHECK_HELP } from "../../src/cli/check-args.js";
import { closest, editDistance, optionsIn } from "../../src/cli/did-you-mean.js";
import { run, tempTree } from "./helpers.js";

describe("plumbline help", () => {
  it("lists --version and help <command> in the main help", async () => {
    const help = await run("/", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}-v, --version +print the version$/m);
    expect(help.stdout).toMatch(/^ {2}help \[command\] +/m);
  });

  it("shows a command's help for plumbline help <command>", async () => {
    const viaHelp = await run("/", ["help", "check"]);
    expect(viaHelp).toEqual({ code: 0, stdout: CHECK_HELP, stderr: "" });
    const drift = await run("/", ["help", "drift"]);
    expect(drift.stdout).toMatch(/^Usage: plumbline drift/);
    const unknown = await run("/", ["help", "chek"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plumbline: unknown command "chek" \(did you mean "check"\?\)/);
  });

  it("suggests the nearest option for a mistyped one, and none for a stranger", async () => {
    const dir = await tempTree({ "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" });
    const typo = await run(dir, ["check", "--formt", "json"]);
    expect(typo).toMatchObject({ code: 2, stdout: "" });
    expect(typo.stderr).toBe(
      'plumbline: unknown option --formt (did you mean --format?)\nRun "plumbline check --help" for the options.\n',
    );
    expect((await run(dir, ["check", "--unsafe-fix"])).stderr).toContain("(did you mean --unsafe-fixes?)");
    expect((await run(dir, ["drift", "--contxt", "x"])).stderr).toContain("unknown option --contxt (did you mean --context?)");
    const stranger = await run(dir, ["check", "--banana"]);
    expect(stranger.stderr).toMatch(/^plumbline: unknown option --banana\n/);
  });

  it("suggests a command for a mistyped one", async () => {
    const result = await run("/", ["drfit"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^plumbline: unknown command "drfit" \(did you mean "drift"\?\)/);
  });
});

describe("did-you-mean", () => {
  it("measures edits and accepts only near misses", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("drfit", "drift")).toBe(1);
    expect(closest("--outptu", ["--output", "--format"])).toBe("--output");
    expect(closest("--x", ["--output", "--format"])).toBeUndefined();
    expect(optionsIn(CHECK_HELP)).toEqual(expect.arrayContaining(["--format", "--sarif-category", "--unsafe-fixes", "--help"]));
  });
});
