import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROKEN_YAML, tempTree } from "./helpers.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");
const STACK_FRAME = /^\s+at .+[:(]/m;

let buildDir: string;
let bin: string;

// The real binary, built the way `npm run build` builds it, into a private directory under build/
// (where node_modules still resolves) so that other runs and the usual build/src are not disturbed.
beforeAll(async () => {
  await mkdir(path.join(repo, "build"), { recursive: true });
  buildDir = await mkdtemp(path.join(repo, "build", "test-bin-"));
  const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
  // type errors elsewhere in a tree under construction still emit; only a missing binary is fatal
  await exec(process.execPath, [tsc, "-p", path.join(repo, "tsconfig.build.json"), "--outDir", buildDir]).catch(() => undefined);
  bin = path.join(buildDir, "src/cli/bin.js");
  if (!existsSync(bin)) throw new Error(`the build did not produce ${bin}`);
}, 120_000);

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

async function spawnCli(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NO_COLOR: "1", PLUMBLINE_DEBUG: "" };
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd, env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the built plumbline binary", () => {
  it("exits 1 with a report for a broken manifest, and 0 with --fail-on none", async () => {
    const dir = await tempTree({ "bad.yaml": BROKEN_YAML });
    const failing = await spawnCli(dir, ["check", "bad.yaml"]);
    expect(failing).toMatchObject({ code: 1, stderr: "" });
    expect(failing.stdout).toContain("bad.yaml:3:11");
    expect((await spawnCli(dir, ["check", "bad.yaml", "--fail-on", "none"])).code).toBe(0);
  });

  it.each([
    ["a missing path", ["check", "nowhere.yaml"], /^plumbline: nowhere\.yaml: no such file or directory\n$/],
    ["an unknown flag", ["check", "--frobnicate"], /Unknown option '--frobnicate'/],
    [
      "a bad config",
      ["check", ".", "--config", "bad.yml"],
      /^plumbline: bad\.yml:2:3: rules\.image-tag-latest: "loud" is not one of/,
    ],
    [
      "unreadable config",
      ["check", ".", "--config", "."],
      /^plumbline: \.: cannot read the configuration \(it is a directory\)\n$/,
    ],
    [
      "an unwritable output",
      ["check", ".", "-o", "missing/dir/out.json"],
      /cannot write the report \(the directory does not exist\)/,
    ],
  ])("exits 2 for %s with a message and no stack trace", async (_, args, message) => {
    const dir = await tempTree({ "app.yaml": "replicas: 1\n", "bad.yml": "rules:\n  image-tag-latest: loud\n" });
    const result = await spawnCli(dir, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).toBe("");
  });

  it("reads stdin for -", async () => {
    const dir = await tempTree({});
    const child = execFile(process.execPath, [bin, "check", "-", "-f", "json"], { cwd: dir, env: { ...process.env } });
    child.stdin?.end(BROKEN_YAML);
    const stdout = await new Promise<string>((resolve) => {
      let out = "";
      child.stdout?.on("data", (chunk: string) => {
        out += chunk;
      });
      child.on("close", () => resolve(out));
    });
    expect(JSON.parse(stdout).findings[0]).toMatchObject({ file: "<stdin>", rule: "yaml-syntax-error" });
  });
});
