import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, writeCorpus } from "../../bench/corpus/generate.js";
import { POOL_THRESHOLD, parseThreads } from "../../src/manifests/parse-pool.js";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");

/**
 * Files after the generated ones (sorted last), so they are parsed once the threads are up: each is a
 * case where a thread's plain-data copy could differ from the main thread's own result.
 */
const AWKWARD: Record<string, string> = {
  // anchors, aliases and a merge key; one object shared by two list items
  "zz-aliases.yaml": [
    "apiVersion: v1",
    "kind: List",
    "items:",
    "  - &pod {apiVersion: v1, kind: Pod, metadata: {name: a, labels: &l {app: x}}, spec: {containers: [{name: c, image: nginx}]}}",
    "  - *pod",
    "  - apiVersion: v1",
    "    kind: ConfigMap",
    "    metadata: {name: merged, labels: {<<: *l, tier: web}}",
    "",
  ].join("\n"),
  "zz-duplicate.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  name: dup2\ndata:\n  a: '1'\n",
  "zz-proto.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: proto\n  labels:\n    __proto__: polluted\n",
  "zz-syntax.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n",
  "zz-template.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n",
  "zz-crlf.yaml": "apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: crlf\r\nspec:\r\n  selector: {app: none}\r\n",
  // kubectl reads a quoted scalar's continuation lines at any indentation (quoted-lines.ts repairs it)
  "zz-quote.yaml":
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: quoted\n  annotations:\n    note: "first\n    second"\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:latest\n',
  "zz-binary.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: bin}\ndata:\n  key: !!binary aGVsbG8=\n",
};

let buildDir: string;
let corpus: string;
let probe: string;

// The pool runs the worker script the CLI bundle ships, so the test runs that bundle (as bin.test.ts does).
beforeAll(async () => {
  await mkdir(path.join(repo, "build"), { recursive: true });
  buildDir = await mkdtemp(path.join(repo, "build", "test-pool-"));
  await exec(process.execPath, [path.join(repo, "scripts/bundle-cli.js"), "--outdir", buildDir]);
  if (!existsSync(path.join(buildDir, "chunks", "parse-worker.js"))) throw new Error("the bundle has no chunks/parse-worker.js");
  corpus = await mkdtemp(path.join(tmpdir(), "plumbline-pool-"));
  await writeCorpus(path.join(corpus, "generated"), buildCorpus({ seed: 7, minFiles: 150, minDocuments: 1500 }));
  for (const [name, text] of Object.entries(AWKWARD)) await writeFile(path.join(corpus, name), text);
  // counts the worker threads a run starts, and says so on stderr as it exits
  probe = path.join(corpus, "..", `${path.basename(corpus)}-probe.cjs`);
  await writeFile(
    probe,
    [
      'const threads = require("node:worker_threads");',
      "const Original = threads.Worker;",
      "let started = 0;",
      "threads.Worker = class extends Original { constructor(...args) { super(...args); started++; } };",
      'require("node:module").syncBuiltinESMExports();',
      'process.on("exit", () => process.stderr.write("threads started: " + started + "\\n"));',
    ].join("\n"),
  );
}, 180_000);

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
  await rm(corpus, { recursive: true, force: true });
  await rm(probe, { force: true });
});

async function check(threads: number, format: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, NO_COLOR: "1", PLUMBLINE_PARSE_THREADS: String(threads) };
  const args = ["--require", probe, path.join(buildDir, "plumbline.js"), "check", ".", "--format", format, "--fail-on", "none"];
  return exec(process.execPath, args, { cwd: corpus, env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
}

describe("parsing on worker threads", () => {
  it("the corpus is large enough for the threads to start", async () => {
    const { stdout } = await exec("du", ["-sb", corpus]);
    expect(Number(stdout.split("\t")[0])).toBeGreaterThan(2 * POOL_THRESHOLD);
  });

  it.each(["json", "text"])(
    "gives the very report the main thread alone gives (%s)",
    async (format) => {
      const alone = await check(1, format);
      const pooled = await check(2, format);
      expect(alone.stderr).toBe("threads started: 0\n");
      // two threads parse: the main thread and one worker
      expect(pooled.stderr).toBe("threads started: 1\n");
      expect(pooled.stdout).toBe(alone.stdout);
      // the awkward files are in it, with their findings and problems, not dropped
      for (const name of ["zz-aliases.yaml", "zz-duplicate.yaml", "zz-syntax.yaml", "zz-quote.yaml"])
        expect(alone.stdout).toContain(name);
    },
    240_000,
  );

  it("still reads the awkward files' objects as the main thread does", async () => {
    const report = JSON.parse((await check(2, "json")).stdout) as { findings: { file: string; rule: string }[] };
    const rules = (file: string) => new Set(report.findings.filter((f) => f.file === file).map((f) => f.rule));
    expect(rules("zz-duplicate.yaml")).toContain("yaml-duplicate-key");
    expect(rules("zz-syntax.yaml")).toContain("yaml-syntax-error");
    expect(rules("zz-quote.yaml")).toContain("image-tag-latest");
  }, 120_000);
});

describe("how many threads parse", () => {
  it("is the main thread alone unless PLUMBLINE_PARSE_THREADS says otherwise (the bot, library users)", () => {
    expect(parseThreads({})).toBe(1);
    expect(parseThreads({ PLUMBLINE_PARSE_THREADS: "many" })).toBe(1);
    expect(parseThreads({ PLUMBLINE_PARSE_THREADS: " 3 " })).toBe(3);
    expect(parseThreads({ PLUMBLINE_PARSE_THREADS: "0" })).toBe(0);
  });

  it("is one per core, at most 4, for `auto` (what the CLI sets)", () => {
    expect(parseThreads({ PLUMBLINE_PARSE_THREADS: "auto" })).toBe(Math.min(availableParallelism(), 4));
  });
});
