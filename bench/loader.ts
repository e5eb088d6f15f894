/**
 * The loader against the floor, in one process: `parseManifestText` (positions, bounds, YAML 1.1, plain
 * objects) against `parseAllDocuments` + `toJS` over the same texts, alternating, CPU time, medians.
 * Usage (after `npm run build`; the corpus comes from `npm run bench` or `npm run bench:cold`):
 *   node build/bench/loader.js [dir] [--rounds N]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { parseManifestText } from "../src/manifests/parse.js";
import { BENCH_ROOT, listManifests, MANIFESTS_DIR } from "./files.js";
import { median } from "./timing.js";

const { values, positionals } = parseArgs({ options: { rounds: { type: "string", default: "5" } }, allowPositionals: true });
const dir = positionals[0] ?? path.join(BENCH_ROOT, MANIFESTS_DIR);
const files = await listManifests(dir).catch(() => []);
if (files.length === 0) {
  process.stderr.write(`bench: no manifests under ${dir}: run \`npm run bench:cold\` first (it writes the corpus)\n`);
  process.exit(2);
}
const texts = await Promise.all(files.map(async (file) => [file, await readFile(file, "utf8")] as const));

const cpuMs = (work: () => void): number => {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const bare = () => {
  for (const [, text] of texts) for (const document of parseAllDocuments(text)) if (document.errors.length === 0) document.toJS();
};
const loader = () => {
  for (const [file, text] of texts) parseManifestText(text, file, "files");
};

const samples = { bare: [] as number[], loader: [] as number[] };
for (let round = 0; round < Math.max(1, Number(values.rounds)); round++) {
  samples.bare.push(cpuMs(bare));
  samples.loader.push(cpuMs(loader));
}
const [b, l] = [median(samples.bare), median(samples.loader)];
console.log(
  `${files.length} files: bare parse ${Math.round(b)} ms CPU, parseManifestText ${Math.round(l)} ms CPU: ${(l / b).toFixed(2)}× (medians of ${samples.bare.length})`,
);
