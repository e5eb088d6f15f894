import * as core from "@actions/core";
import type { Severity } from "../src/findings/finding.js";
import type { CheckAnnotation } from "../src/forge/platform.js";
import { ANNOTATION_MESSAGE_BYTES, ANNOTATION_TITLE_CHARACTERS, capBytes, capCharacters } from "../src/github/limits.js";
import type { ReviewAnnotation } from "../src/review/index.js";

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = { error: "failure", warning: "warning", info: "notice" };

/** The Checks API's annotation, as `checks.create`/`checks.update` take it. */
export function checkAnnotation(annotation: ReviewAnnotation): CheckAnnotation {
  return {
    path: annotation.file,
    start_line: annotation.line,
    end_line: annotation.line,
    annotation_level: LEVEL[annotation.severity],
    title: annotation.title,
    message: `${annotation.message}\n${annotation.docsUrl}`,
  };
}

/**
 * Annotations as workflow commands, which the runner attaches to the job with any token. GitHub
 * shows at most 10 errors and 10 warnings of them per step; the summaries list every finding.
 */
export function emitWorkflowAnnotations(annotations: readonly ReviewAnnotation[]): void {
  for (const annotation of annotations) {
    const properties = {
      title: capCharacters(`Plumbline ${annotation.title}`, ANNOTATION_TITLE_CHARACTERS),
      file: annotation.file,
      startLine: annotation.line,
      startColumn: annotation.column,
    };
    const message = capBytes(`${annotation.message} (${annotation.docsUrl})`, ANNOTATION_MESSAGE_BYTES);
    if (annotation.severity === "error") core.error(message, properties);
    else if (annotation.severity === "warning") core.warning(message, properties);
    else core.notice(message, properties);
  }
}
