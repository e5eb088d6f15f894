/** What one run of a phase reports back: counts only, so results can be compared across tools. */
export interface PhaseOutput {
  /** YAML documents the phase went through, where the tool tells */
  readonly documents?: number;
  /** objects the tool judged (plumbline expands `kind: List`, the others do not) */
  readonly resources: number;
  /** findings or results the tool produced; 0 for the bare parse */
  readonly findings: number;
}

/** The inputs every phase gets: the corpus directory, and its manifest files (absolute, sorted). */
export interface PhaseInput {
  readonly dir: string;
  readonly files: readonly string[];
}

export type Phase = (input: PhaseInput) => Promise<PhaseOutput>;

/** A phase ready to run, with what its setup found out (which plugins or rules are active). */
export interface Prepared {
  readonly run: Phase;
  readonly details?: Record<string, unknown>;
}
