/**
 * Where a phase's time goes, from a V8 CPU profile: self time grouped by area, then the heaviest
 * functions. Usage:
 *   node --cpu-prof --cpu-prof-dir=.bench-corpus/profiles build/bench/child.js plumbline .bench-corpus/manifests
 *   node build/bench/profile-summary.js .bench-corpus/profiles/<file>.cpuprofile [top]
 */
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Areas named after what a reader would change: the YAML library's stages, Plumbline's modules, the runtime. */
function areaOf({ functionName, url }: ProfileNode["callFrame"]): string {
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)" || functionName === "(program)") return "idle / runtime";
  const yaml = /node_modules\/yaml\/dist\/(parse|compose|nodes|doc|schema|stringify)\//.exec(url);
  if (yaml) {
    if (/toJS|toJSON|addPairToJSMap/.test(functionName)) return "yaml: toJS";
    return `yaml: ${yaml[1] === "parse" ? "lex + parse (CST)" : "compose (AST)"}`;
  }
  if (url.includes("node_modules/yaml/")) return "yaml: other";
  // by top directory (rules, graph, k8s, manifests …): the function list below names the files
  const own = /\/build\/src\/([^/]+)(\/|\.js$)/.exec(url);
  if (own) return `plumbline: ${own[1]}`;
  if (url.includes("node_modules/")) return `dependency: ${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]}`;
  if (url === "" || url.startsWith("node:")) return "node: fs, modules, natives";
  return "other";
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.js <file.cpuprofile> [top]");
const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, micros] of selfTime) {
  const frame = (nodes.get(id) as ProfileNode).callFrame;
  total += micros;
  const area = areaOf(frame);
  byArea.set(area, (byArea.get(area) ?? 0) + micros);
  const name = `${frame.functionName || "(anonymous)"}  ${frame.url.replace(/^.*\/(node_modules|build)\//, "")}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}
const row = ([name, micros]: [string, number]) =>
  `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`;
const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
process.stdout.write(`total ${(total / 1000).toFixed(0)} ms\n\nby area\n${sorted(byArea).map(row).join("\n")}\n\n`);
process.stdout.write(
  `heaviest functions (self time)\n${sorted(byFunction)
    .slice(0, Number(topArg ?? 25))
    .map(row)
    .join("\n")}\n`,
);
