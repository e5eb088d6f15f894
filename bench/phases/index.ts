import { MONOKLE_OFFLINE_DEFAULT, MONOKLE_PER_RESOURCE } from "./monokle-plugins.js";
import type { Prepared } from "./types.js";

// Phase modules are imported on demand so that a memory child loads only the tool it measures.

export type PhaseId = "bare" | "plumbline" | "monokle" | "monokle-per-resource";

export interface PhaseSpec {
  readonly id: PhaseId;
  readonly label: string;
  /** what ran, in words, for the table and the results file */
  readonly configuration: string;
  /**
   * How the in-process timing treats it: every repetition, fewer repetitions (slow), or not at all —
   * a phase that takes half a minute a run is timed by its one cold run in the memory child only.
   */
  readonly timing: "every-rep" | "fewer-reps" | "child-only";
  /** setup that is not part of a run (importing the tool, building a validator) */
  readonly prepare: () => Promise<Prepared>;
}

export const PHASES: readonly PhaseSpec[] = [
  {
    id: "bare",
    label: "bare yaml parse",
    configuration: "readFile + yaml.parseAllDocuments (default options) + toJS per document",
    timing: "every-rep",
    prepare: async () => ({ run: (await import("./bare.js")).bare }),
  },
  {
    id: "plumbline",
    label: "plumbline check",
    configuration: "check(['.']) from build/src/check.js: expand, load with positions, every registered rule",
    timing: "every-rep",
    prepare: async () => (await import("./plumbline.js")).preparePlumbline(),
  },
  {
    id: "monokle-per-resource",
    label: "monokle, without resource-links",
    configuration: `plugins: ${MONOKLE_PER_RESOURCE.join(", ")}; extraction as the Monokle CLI does it; no processRefs`,
    timing: "fewer-reps",
    prepare: async () => {
      const { prepareMonokle, runMonokle } = await import("./monokle.js");
      const prepared = await prepareMonokle(MONOKLE_PER_RESOURCE);
      return { run: (input) => runMonokle(prepared, input), details: prepared.details };
    },
  },
  {
    id: "monokle",
    label: "monokle, all offline plugins",
    configuration: `plugins: ${MONOKLE_OFFLINE_DEFAULT.join(", ")}; extraction as the Monokle CLI does it; processRefs`,
    timing: "child-only",
    prepare: async () => {
      const { prepareMonokle, runMonokle } = await import("./monokle.js");
      const prepared = await prepareMonokle(MONOKLE_OFFLINE_DEFAULT);
      return { run: (input) => runMonokle(prepared, input), details: prepared.details };
    },
  },
];

export function phaseById(id: string): PhaseSpec {
  const spec = PHASES.find((phase) => phase.id === id);
  if (!spec) throw new Error(`unknown phase ${id}: one of ${PHASES.map((p) => p.id).join(", ")}`);
  return spec;
}
