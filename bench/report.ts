import type { MemorySample } from "./memory.js";
import type { PhaseId } from "./phases/index.js";
import type { PhaseOutput } from "./phases/types.js";
import type { Sample } from "./timing.js";

export interface PhaseResult {
  readonly id: PhaseId;
  readonly label: string;
  readonly configuration: string;
  readonly timing: string;
  readonly details?: Record<string, unknown>;
  readonly setupMs: number;
  readonly samples: Sample[];
  readonly medianWallMs: number;
  readonly medianCpuMs: number;
  readonly documentsPerSecond: number;
  readonly memory: MemorySample;
  readonly output: PhaseOutput;
}

export interface Ratio {
  readonly name: string;
  readonly wall: number;
  /** NaN when one side was only run once, cold, in a child */
  readonly cpu: number;
  readonly target?: string;
  /** judged on wall time */
  readonly met?: boolean;
  /** judged on CPU time, steadier when other processes share the machine; absent for cold ratios */
  readonly metCpu?: boolean;
}

export interface CorpusFacts {
  readonly seed: number;
  readonly files: number;
  readonly documents: number;
  readonly bytes: number;
  readonly kinds: Record<string, number>;
  readonly flaws: Record<string, number>;
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pad = (text: string, width: number, left = false) => (left ? text.padEnd(width) : text.padStart(width));

/** The human table: one row per phase, then the ratios against the targets. */
export function renderTable(
  corpus: CorpusFacts,
  phases: readonly PhaseResult[],
  ratios: readonly Ratio[],
  notes: readonly string[],
): string {
  const header = ["phase", "runs", "median ms", "cpu ms", "docs/s", "peak RSS", "resources", "findings"];
  const rows = phases.map((p) => [
    p.label,
    p.samples.length > 0 ? String(p.samples.length) : "1 cold",
    int(p.medianWallMs),
    Number.isNaN(p.medianCpuMs) ? "-" : int(p.medianCpuMs),
    int(p.documentsPerSecond),
    `${p.memory.peakMiB.toFixed(0)} MiB`,
    int(p.output.resources),
    int(p.output.findings),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0, i === 0)).join("  ");
  const out = [
    `corpus: ${int(corpus.files)} files, ${int(corpus.documents)} documents, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB (seed ${corpus.seed})`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
  ];
  for (const r of ratios) {
    const judge = (met: boolean | undefined) => (met ? "met" : "MISSED");
    const cpuVerdict = r.metCpu === undefined ? "" : `, on cpu ${judge(r.metCpu)}`;
    const verdict = r.target ? `  target ${r.target}: on wall ${judge(r.met)}${cpuVerdict}` : "";
    const cpu = Number.isNaN(r.cpu) ? "" : `, ${r.cpu.toFixed(2)}× cpu`;
    out.push(`${pad(r.name, 58, true)} ${r.wall.toFixed(2)}× wall${cpu}${verdict}`);
  }
  if (notes.length > 0) out.push("", ...notes);
  return out.join("\n");
}

const TARGET_VS_BARE = 2.5;

/** The ratios the targets are about, and the facts a reader needs to trust them. */
export function summarize(documents: number, results: readonly PhaseResult[]): { ratios: Ratio[]; notes: string[] } {
  const byId = (id: PhaseId) => results.find((r) => r.id === id) as PhaseResult;
  const plumbline = byId("plumbline");
  const inProcess = (name: string, other: PhaseResult, limit?: number, text?: string): Ratio => {
    const wall = plumbline.medianWallMs / other.medianWallMs;
    const cpu = plumbline.medianCpuMs / other.medianCpuMs;
    return { name, wall, cpu, ...(limit ? { target: text, met: wall <= limit, metCpu: cpu <= limit } : {}) };
  };
  const monokle = byId("monokle");
  const cold = plumbline.memory.coldWallMs / monokle.memory.coldWallMs;
  const ratios: Ratio[] = [
    inProcess("plumbline / bare parse", byId("bare"), TARGET_VS_BARE, `≤ ${TARGET_VS_BARE}×`),
    inProcess("plumbline / monokle without resource-links", byId("monokle-per-resource"), 0.999, "< 1×"),
    {
      name: "plumbline / monokle all offline plugins (cold, 1 run each)",
      wall: cold,
      cpu: Number.NaN,
      target: "< 1×",
      met: cold < 1,
    },
  ];
  const notes: string[] = [];
  const parsed = byId("bare").output.documents;
  if (parsed !== documents) notes.push(`warning: the bare parse saw ${parsed} documents, the generator wrote ${documents}`);
  const rules = plumbline.details as { rules?: number; inputRules?: number } | undefined;
  notes.push(`plumbline rules: ${rules?.rules} resource rules + ${rules?.inputRules} input rules`);
  for (const peer of [byId("monokle-per-resource"), monokle]) {
    const plugins = (peer.details as { plugins?: Record<string, { enabledRules: number }> } | undefined)?.plugins ?? {};
    const list = Object.entries(plugins).map(([name, p]) => `${name} (${p.enabledRules} rules)`);
    notes.push(`${peer.label}: ${list.join(", ")}`);
  }
  return { ratios, notes };
}
