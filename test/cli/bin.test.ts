import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROKEN_YAML, tempTree } from "./helpers.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");
const STACK_FRAME = /^\s+at .+[:(]/m;

let buildDir: string;
let bin: string;

// The binary users run (package.json's `bin`), bundled the way `npm run build` bundles it, into a private
// directory under build/ (where node_modules still resolves, for kubernetes-models) so that other runs
// and the usual build/cli are not disturbed.
beforeAll(async () => {
  await mkdir(path.join(repo, "build"), { recursive: true });
  buildDir = await mkdtemp(path.join(repo, "build", "test-bin-"));
  await exec(process.execPath, [path.join(repo, "scripts/bundle-cli.js"), "--outdir", buildDir]);
  bin = path.join(buildDir, "plumbline.js");
  if (!existsSync(bin)) throw new Error(`the bundle did not produce ${bin}`);
}, 120_000);

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

async function spawnCli(
  cwd: string,
  args: string[],
  nodeOptions: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NO_COLOR: "1", PLUMBLINE_DEBUG: "" };
  try {
    const { stdout, stderr } = await exec(process.execPath, [...nodeOptions, bin, ...args], { cwd, env, timeout: 30_000 });
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
    expect(failing.stdout).toMatch(/^bad\.yaml\n +3:11 +error +yaml-syntax-error/m);
    expect((await spawnCli(dir, ["check", "bad.yaml", "--fail-on", "none"])).code).toBe(0);
  });

  it.each([
    ["a missing path", ["check", "nowhere.yaml"], /^plumbline: nowhere\.yaml: no such file or directory\n$/],
    ["an unknown flag", ["check", "--frobnicate"], /^plumbline: unknown option --frobnicate\n/],
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

  it("prints package.json's version, and its help from any directory", async () => {
    const manifest = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string };
    const elsewhere = await mkdtemp(path.join(tmpdir(), "plumbline-elsewhere-"));
    try {
      expect(await spawnCli(elsewhere, ["--version"])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: "" });
      const help = await spawnCli(elsewhere, ["--help"]);
      expect(help).toMatchObject({ code: 0, stderr: "" });
      expect(help.stdout).toMatch(/^Usage: plumbline <command>/);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it("loads the cluster client (and its TLS and HTTP/2 stack) only for drift --context", async () => {
    const dir = await tempTree({
      "app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: app }\n",
      // a context whose server refuses at once: nothing leaves 127.0.0.1
      "kubeconfig.yaml": [
        "apiVersion: v1",
        "kind: Config",
        "clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:1' } }]",
        "users: [{ name: u, user: { token: t } }]",
        "contexts: [{ name: ctx, context: { cluster: c, user: u } }]",
        "",
      ].join("\n"),
    });
    // Node's own list of the built-in modules this process loaded, printed as it exits
    const probe = path.join(dir, "probe.cjs");
    await writeFile(
      probe,
      [
        'const loaded = () => process.moduleLoadList.filter((m) => /^NativeModule (tls|http2)$/.test(m)).join(",");',
        'process.on("exit", () => require("node:fs").writeSync(2, "\\nbuiltins: " + loaded() + "\\n"));',
        "",
      ].join("\n"),
    );
    const builtins = (stderr: string) => stderr.match(/builtins: (.*)\n$/)?.[1];
    for (const args of [["--help"], ["check", "app.yaml", "--fail-on", "none"], ["drift", "--git", ".", "--live", "app.yaml"]]) {
      expect(builtins((await spawnCli(dir, args, ["--require", probe])).stderr), args.join(" ")).toBe("");
    }
    const cluster = await spawnCli(
      dir,
      ["drift", "--git", ".", "--context", "ctx", "--kubeconfig", "kubeconfig.yaml", "--timeout", "2"],
      ["--require", probe],
    );
    expect(cluster.code).toBe(2);
    expect(builtins(cluster.stderr)).toMatch(/tls/);
  });
});
