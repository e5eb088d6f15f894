import v8 from "node:v8";
import vm from "node:vm";
import type { Phase, PhaseInput, PhaseOutput } from "./phases/types.js";

export interface Sample {
  readonly wallMs: number;
  /** user + system CPU of the whole process: less disturbed than wall time on a shared machine */
  readonly cpuMs: number;
}

/**
 * A full collection before each timed run, so one phase's garbage is not collected on the next
 * one's clock. `--expose-gc` set at run time: the npm script stays a plain `node file.js`.
 */
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

export async function timeRun(run: Phase, input: PhaseInput): Promise<{ sample: Sample; output: PhaseOutput }> {
  collect();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const output = await run(input);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { sample: { wallMs, cpuMs: (used.user + used.system) / 1000 }, output };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
