/**
 * `npm run bench`: documents per second and peak memory of a bare YAML parse, `plumbline check` and
 * @monokle/validation on one generated corpus. Timings for the ratios come from this one process,
 * phases interleaved; memory comes from one extra run per phase in a child process.
 * Options: --reps N (default 5), --slow-reps N (default 3, for the slower peer), --seed N.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildCorpus, DEFAULT_CORPUS, writeCorpus } from "./corpus/generate.js";
import { BENCH_ROOT, listManifests, MANIFESTS_DIR } from "./files.js";
import { type MemorySample, measureMemory } from "./memory.js";
import { networkAttempts, refuseNetwork } from "./offline.js";
import { PHASES, type PhaseId } from "./phases/index.js";
import type { Phase, PhaseInput, PhaseOutput } from "./phases/types.js";
import { type PhaseResult, renderTable, summarize } from "./report.js";
import { median, type Sample, timeRun } from "./timing.js";

const { values } = parseArgs({
  options: { reps: { type: "string", default: "5" }, "slow-reps": { type: "string", default: "3" }, seed: { type: "string" } },
});
const reps = Math.max(1, Number(values.reps));
const slowReps = Math.max(1, Math.min(reps, Number(values["slow-reps"])));
const seed = values.seed === undefined ? DEFAULT_CORPUS.seed : Number(values.seed);

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const root = path.join(repo, BENCH_ROOT);
const dir = path.join(root, MANIFESTS_DIR);
const log = (message: string) => process.stderr.write(`${message}\n`);
const began = performance.now();
const elapsed = () => `${Math.round((performance.now() - began) / 1000)} s`;

refuseNetwork();
log(`generating the corpus (seed ${seed}) into ${path.relative(repo, dir)}/ ...`);
const corpus = buildCorpus({ ...DEFAULT_CORPUS, seed });
await rm(dir, { recursive: true, force: true });
await writeCorpus(dir, corpus);
const input: PhaseInput = { dir, files: await listManifests(dir) };

const timed = PHASES.filter((spec) => spec.timing !== "child-only");
const prepared = new Map<PhaseId, { run: Phase; details?: Record<string, unknown>; setupMs: number }>();
for (const spec of timed) {
  const start = performance.now();
  const phase = await spec.prepare();
  prepared.set(spec.id, { ...phase, setupMs: performance.now() - start });
}

log("warming up ...");
// the slower peer warms up on every fifth file: its JIT sees every code path at a fifth of the cost
const warmSubset: PhaseInput = { dir, files: input.files.filter((_, i) => i % 5 === 0) };
const outputs = new Map<PhaseId, PhaseOutput>();
for (const spec of timed) {
  const { output } = await timeRun(prepared.get(spec.id)?.run as Phase, spec.timing === "fewer-reps" ? warmSubset : input);
  if (spec.timing !== "fewer-reps") outputs.set(spec.id, output);
}

const samples = new Map<PhaseId, Sample[]>(PHASES.map((p) => [p.id, []]));
for (let rep = 0; rep < reps; rep++) {
  // rotate the order so that no phase always runs right after the heaviest one
  const order = timed.map((_, i) => timed[(i + rep) % timed.length]).filter((spec) => spec !== undefined);
  for (const spec of order) {
    if (spec.timing === "fewer-reps" && rep >= slowReps) continue;
    const { sample, output } = await timeRun(prepared.get(spec.id)?.run as Phase, input);
    samples.get(spec.id)?.push(sample);
    outputs.set(spec.id, output);
  }
  log(`repetition ${rep + 1}/${reps} done (${elapsed()})`);
}

log("peak memory: one more run per phase, each in its own process ...");
const memory = new Map<PhaseId, MemorySample>();
for (const spec of PHASES) {
  memory.set(spec.id, await measureMemory(spec.id, dir));
  log(`  ${spec.id} done (${elapsed()})`);
}

const results: PhaseResult[] = PHASES.map((spec) => {
  const mem = memory.get(spec.id) as MemorySample;
  const list = samples.get(spec.id) ?? [];
  // a child-only phase is timed by its one cold run
  const walls = list.length > 0 ? list.map((s) => s.wallMs) : [mem.coldWallMs];
  const medianWallMs = median(walls);
  const setup = prepared.get(spec.id);
  return {
    id: spec.id,
    label: spec.label,
    configuration: spec.configuration,
    timing: spec.timing,
    details: setup?.details ?? mem.details,
    setupMs: setup?.setupMs ?? Number.NaN,
    samples: list,
    medianWallMs,
    medianCpuMs: list.length > 0 ? median(list.map((s) => s.cpuMs)) : Number.NaN,
    documentsPerSecond: corpus.documents / (medianWallMs / 1000),
    memory: mem,
    output: outputs.get(spec.id) ?? mem.output,
  };
});

const { ratios, notes } = summarize(corpus.documents, results);
notes.push(
  `network attempts refused: ${networkAttempts.length}${networkAttempts.length ? ` (${networkAttempts.slice(0, 3).join(", ")})` : ""}`,
);
const totalSeconds = (performance.now() - began) / 1000;
notes.push(
  `node ${process.version}, ${cpus().length} CPUs, load average at the end ${loadAverage()}; total ${totalSeconds.toFixed(0)} s`,
);
const facts = {
  seed,
  files: corpus.files.length,
  documents: corpus.documents,
  bytes: corpus.bytes,
  kinds: corpus.kinds,
  flaws: corpus.flaws,
};
process.stdout.write(`${renderTable(facts, results, ratios, notes)}\n`);

const method = {
  timing: `one warm-up run per phase (the slower peer on every fifth file), then ${reps} repetitions with the phases interleaved and rotated (${slowReps} for the slower peer); medians; a full GC before each run; wall time from performance.now, CPU time (user + system) from process.cpuUsage`,
  childOnly: "a phase marked child-only is too slow to repeat: its time is its one cold run in the memory child",
  memory: "one extra run per phase in a fresh node process: peak = process.resourceUsage().maxRSS at its end",
  documentsPerSecond: "documents in the corpus / median wall time",
};
await mkdir(root, { recursive: true });
const report = {
  node: process.version,
  cpus: cpus().length,
  totalSeconds,
  method,
  corpus: facts,
  phases: results,
  ratios,
  networkAttempts,
};
await writeFile(path.join(root, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
log(`results written to ${path.relative(repo, path.join(root, "results.json"))}`);

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
}
