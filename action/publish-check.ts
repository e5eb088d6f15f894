import type { GateVerdict, ReviewAnnotation } from "../src/review/index.js";
import { checkAnnotation, emitWorkflowAnnotations } from "./annotations.js";
import { publishCheckRun } from "./check-run.js";
import { writeJobSummary } from "./job-summary.js";
import { type StepOutputs, setStepOutputs } from "./outputs.js";
import { attempt, type Outcome } from "./permissions.js";
import type { RunContext } from "./run-context.js";
import { type SarifInput, writeSarifFile } from "./sarif-file.js";

export interface CheckContent {
  readonly verdict: GateVerdict;
  /** the check run's summary text */
  readonly summary: string;
  readonly annotations: readonly ReviewAnnotation[];
}

/**
 * The annotations, on a check run "Plumbline" when the `check-run` input asks for one, else (or
 * when it cannot be created) on the job as workflow commands, which any token may write.
 */
export async function publishCheck(context: RunContext, headSha: string, content: CheckContent): Promise<Outcome> {
  const { environment, inputs, client } = context;
  const outcome = inputs.checkRun
    ? await attempt("create the check run", "checks: write", async () => {
        await publishCheckRun(
          { client, repository: environment.repository, headSha },
          {
            conclusion: content.verdict.passed ? "success" : "failure",
            title: content.verdict.headline,
            summary: content.summary,
            annotations: content.annotations.map(checkAnnotation),
            detailsUrl: environment.runUrl,
          },
        );
      })
    : "skipped";
  if (outcome !== "done") emitWorkflowAnnotations(content.annotations);
  return outcome;
}

/** What every flow ends with: the job summary, the SARIF file when asked for, the step's outputs. */
export async function finishStep(
  context: RunContext,
  jobSummary: string,
  sarif: SarifInput,
  outputs: Omit<StepOutputs, "sarifFile">,
): Promise<void> {
  const { environment, inputs } = context;
  await writeJobSummary(jobSummary);
  const sarifFile = inputs.sarifFile ? await writeSarifFile(environment.workspace, inputs.sarifFile, sarif) : undefined;
  setStepOutputs({ ...outputs, sarifFile });
}
