import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { PhaseOutput } from "./phases/types.js";

export interface MemorySample {
  /** max RSS of a bare node process that has listed the files */
  readonly startMiB: number;
  /** max RSS once the tool is imported and set up */
  readonly loadedMiB: number;
  /** max RSS at the end of one run: the figure to compare */
  readonly peakMiB: number;
  /** a cold run's wall time, for reference only */
  readonly coldWallMs: number;
  readonly output: PhaseOutput;
  readonly details?: Record<string, unknown>;
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "child.js");
const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;

/** Runs the phase once in its own node process and reads its peak RSS (process.resourceUsage().maxRSS). */
export async function measureMemory(id: string, dir: string): Promise<MemorySample> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, id, dir], { maxBuffer: 1024 * 1024 });
  const line = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
  return {
    startMiB: mib(line.startKiB),
    loadedMiB: mib(line.loadedKiB),
    peakMiB: mib(line.peakKiB),
    coldWallMs: Math.round(line.wallMs),
    output: line.output,
    details: line.details,
  };
}
