/**
 * `npm run bench` (last part), or `npm run bench:cold`: the CLI the way people run it — a fresh `node`
 * process per run, its report rendered and read to the end — against the same kind of process doing
 * less: `node -e 0` for start-up, a bare `yaml` parse of every document for the corpus, and Monokle.
 *
 * Every command runs --runs times (default 5; Monokle with resource-links 3), interleaved so that a
 * change in the machine's load hits all of them alike; medians are reported. Wall time comes from the
 * parent; CPU time (user + system, all threads) and peak RSS from the child itself, through a tiny
 * `--require` probe that writes process.resourceUsage() as it exits (the same probe in every command).
 * The corpus is checked with parsing on the main thread (PLUMBLINE_PARSE_THREADS=1) and on 2 threads
 * (and 3, 4 where there are the cores): docs/performance.md reads these figures.
 *
 * Options: --runs N, --slow-runs N, --no-monokle (skips the 20 s-a-run peer).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildCorpus, DEFAULT_CORPUS, writeCorpus } from "./corpus/generate.js";
import { BENCH_ROOT, MANIFESTS_DIR } from "./files.js";
import { median } from "./timing.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "slow-runs": { type: "string", default: "3" },
    "no-monokle": { type: "boolean", default: false },
  },
});
const runs = Math.max(3, Number(values.runs));
/** thread counts the corpus is also checked with: 2, and every count up to the cores (at most 4) */
const THREADS = [...new Set([2, ...Array.from({ length: Math.min(cpus().length, 4) - 1 }, (_, i) => i + 2)])];
const slowRuns = Math.max(1, Number(values["slow-runs"]));

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const cli = path.join(repo, "build/cli/plumbline.js");
const child = path.join(here, "child.js");
const log = (message: string) => process.stderr.write(`${message}\n`);

if (!existsSync(cli)) {
  log(`bench: ${path.relative(process.cwd(), cli)} is missing: run \`npm run build\` first`);
  process.exit(2);
}

interface Command {
  readonly id: string;
  readonly label: string;
  readonly args: readonly string[];
  readonly runs: number;
  /** added to the child's environment */
  readonly env?: Readonly<Record<string, string>>;
}

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakMiB: number;
  readonly stdoutBytes: number;
  readonly code: number | null;
}

const work = await mkdtemp(path.join(tmpdir(), "plumbline-cold-"));
const probe = path.join(work, "probe.cjs");
await writeFile(
  probe,
  'process.on("exit", () => require("node:fs").writeFileSync(process.env.PLUMBLINE_BENCH_PROBE, JSON.stringify(process.resourceUsage())));\n',
);

/** One fresh process: wall time from here, CPU and peak RSS from its own resourceUsage at exit. */
async function once(command: Command, cwd: string): Promise<Run> {
  const out = path.join(work, `${command.id}.json`);
  const began = performance.now();
  const proc = spawn(process.execPath, ["--require", probe, ...command.args], {
    cwd,
    env: { ...process.env, PLUMBLINE_BENCH_PROBE: out, NO_COLOR: "1", ...command.env },
    stdio: ["ignore", "pipe", "ignore"],
  });
  let stdoutBytes = 0;
  // the report is read to the end, as a pipe into a file or another tool would
  proc.stdout.on("data", (chunk: Buffer) => {
    stdoutBytes += chunk.length;
  });
  const code = await new Promise<number | null>((resolve) => proc.on("close", resolve));
  const wallMs = performance.now() - began;
  const usage = JSON.parse(await readFile(out, "utf8")) as NodeJS.ResourceUsage;
  return {
    wallMs,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    peakMiB: usage.maxRSS / 1024,
    stdoutBytes,
    code,
  };
}

interface Result {
  readonly command: Command;
  readonly runs: Run[];
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakMiB: number;
}

/** Round-robin: run i of every command before run i + 1 of any. */
async function measure(commands: readonly Command[], cwd: string): Promise<Result[]> {
  const samples = new Map<string, Run[]>(commands.map((c) => [c.id, []]));
  const most = Math.max(...commands.map((c) => c.runs));
  for (let i = 0; i < most; i++) {
    for (const command of commands) {
      if (i >= command.runs) continue;
      const run = await once(command, cwd);
      samples.get(command.id)?.push(run);
    }
    log(`  round ${i + 1}/${most} done`);
  }
  return commands.map((command) => {
    const taken = samples.get(command.id) ?? [];
    return {
      command,
      runs: taken,
      wallMs: median(taken.map((r) => r.wallMs)),
      cpuMs: median(taken.map((r) => r.cpuMs)),
      peakMiB: median(taken.map((r) => r.peakMiB)),
    };
  });
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en-US")} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function table(results: readonly Result[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.command.label} | ${r.runs.length} | ${ms(r.wallMs)} | ${ms(r.cpuMs)} | ${r.peakMiB.toFixed(0)} MiB | ${r.runs[0]?.code} |`,
  );
  return ["| command | runs | median wall | median CPU | peak RSS | exit |", "|---|---:|---:|---:|---:|---:|", ...rows].join(
    "\n",
  );
}

function line(name: string, a: Result, b: Result, target: string, met: (wall: number, cpu: number) => boolean): string {
  const [wall, cpu] = [a.wallMs / b.wallMs, a.cpuMs / b.cpuMs];
  return `- ${name}: ${ratio(a.wallMs, b.wallMs)} wall, ${ratio(a.cpuMs, b.cpuMs)} CPU (target ${target}: ${met(wall, cpu) ? "met" : "NOT met"})`;
}

// --- start-up: one small file ---------------------------------------------------------------------
const small = path.join(work, "small");
await mkdir(small);
await writeFile(path.join(small, "one.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: app }\n");
log(`start-up: ${runs} fresh processes each ...`);
const startup = await measure(
  [
    { id: "node", label: "`node -e 0`", args: ["-e", "0"], runs },
    { id: "version", label: "`plumbline --version`", args: [cli, "--version"], runs },
    { id: "help", label: "`plumbline --help`", args: [cli, "--help"], runs },
    { id: "check-one", label: "`plumbline check one.yaml` (3 lines)", args: [cli, "check", "one.yaml"], runs },
  ],
  small,
);
const [bare, version, help, checkOne] = startup as [Result, Result, Result, Result];

// --- the bench corpus, whole process ----------------------------------------------------------------
const corpusDir = path.join(repo, BENCH_ROOT, MANIFESTS_DIR);
if (!existsSync(corpusDir)) {
  log(`generating the corpus (seed ${DEFAULT_CORPUS.seed}) into ${path.relative(repo, corpusDir)}/ ...`);
  await writeCorpus(corpusDir, buildCorpus(DEFAULT_CORPUS));
}
log(`whole corpus: ${runs} fresh processes each (Monokle with resource-links: ${slowRuns}) ...`);
const corpusCommands: Command[] = [
  { id: "bare", label: "bare `yaml` parse, whole process", args: [child, "bare", corpusDir], runs },
  {
    id: "plumbline",
    label: "`plumbline check . --format json`, parsing on the main thread",
    args: [cli, "check", ".", "--format", "json", "--fail-on", "none"],
    runs,
    env: { PLUMBLINE_PARSE_THREADS: "1" },
  },
  ...THREADS.map(
    (threads): Command => ({
      id: `plumbline-${threads}`,
      label: `\`plumbline check . --format json\`, ${threads} parsing threads`,
      args: [cli, "check", ".", "--format", "json", "--fail-on", "none"],
      runs,
      env: { PLUMBLINE_PARSE_THREADS: String(threads) },
    }),
  ),
];
if (!values["no-monokle"]) {
  corpusCommands.push(
    {
      id: "monokle-per-resource",
      label: "Monokle, without resource-links",
      args: [child, "monokle-per-resource", corpusDir],
      runs,
    },
    { id: "monokle", label: "Monokle, all offline plugins", args: [child, "monokle", corpusDir], runs: slowRuns },
  );
}
const corpus = await measure(corpusCommands, corpusDir);
const byId = new Map(corpus.map((r) => [r.command.id, r]));
const parse = byId.get("bare") as Result;
const plumbline = byId.get("plumbline") as Result;

const report = [
  `Cold processes, Node ${process.versions.node}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end`,
  "",
  table(startup),
  "",
  line("check one small file / node -e 0", checkOne, bare, "≤ 3×", (w) => w <= 3),
  line("--version / node -e 0", version, bare, "≤ 1.5×", (w) => w <= 1.5),
  line("--help / node -e 0", help, bare, "≤ 1.5×", (w) => w <= 1.5),
  "",
  table(corpus),
  "",
  `plumbline's JSON report: ${(((plumbline.runs[0]?.stdoutBytes ?? 0) / 1024 / 1024) as number).toFixed(1)} MiB, read to the end each run`,
  line("plumbline (main thread) / bare parse", plumbline, parse, "≤ 1.5×", (w) => w <= 1.5),
  ...THREADS.map((threads) => {
    const pooled = byId.get(`plumbline-${threads}`) as Result;
    return `${line(`plumbline (${threads} threads) / bare parse`, pooled, parse, "< 1× with ≥ 2 cores", (w) => w < 1)}; peak RSS ${ratio(pooled.peakMiB, parse.peakMiB)}`;
  }),
  `- peak RSS plumbline (main thread) / bare parse: ${ratio(plumbline.peakMiB, parse.peakMiB)} (target ≤ 2×: ${plumbline.peakMiB / parse.peakMiB <= 2 ? "met" : "NOT met"})`,
  ...["monokle-per-resource", "monokle"].flatMap((id) => {
    const peer = byId.get(id);
    if (!peer) return [];
    const faster = peer.wallMs / plumbline.wallMs;
    return [
      `- ${peer.command.label} / plumbline: ${faster.toFixed(2)}× wall, ${(peer.cpuMs / plumbline.cpuMs).toFixed(2)}× CPU (target ≥ 4× faster: ${faster >= 4 ? "met" : "NOT met"})`,
    ];
  }),
].join("\n");
console.log(report);
await writeFile(
  path.join(repo, BENCH_ROOT, "cold.json"),
  `${JSON.stringify({ node: process.versions.node, cpus: cpus().length, startup, corpus }, null, 2)}\n`,
);
await rm(work, { recursive: true, force: true });
