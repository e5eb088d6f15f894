import * as core from "@actions/core";

/** The step's outputs, as documented in action.yml. Counts are strings, as every output is. */
export interface StepOutputs {
  readonly findings: number;
  /** undefined outside pull requests, where nothing is compared */
  readonly newFindings: number | undefined;
  readonly fixedFindings: number | undefined;
  readonly score: number | undefined;
  readonly sarifFile: string | undefined;
}

export function setStepOutputs(outputs: StepOutputs): void {
  core.setOutput("findings", String(outputs.findings));
  core.setOutput("new-findings", outputs.newFindings === undefined ? "" : String(outputs.newFindings));
  core.setOutput("fixed-findings", outputs.fixedFindings === undefined ? "" : String(outputs.fixedFindings));
  core.setOutput("score", outputs.score === undefined ? "" : String(outputs.score));
  core.setOutput("sarif-file", outputs.sarifFile ?? "");
}
