import * as core from "@actions/core";
import type { Finding, Severity } from "../src/findings/finding.js";
import { docsUrl } from "../src/rules/docs-url.js";
import { ANNOTATION_MESSAGE_BYTES, ANNOTATION_TITLE_CHARACTERS, capBytes, capCharacters } from "../src/github/limits.js";

/** The Checks API's annotation, as `checks.create`/`checks.update` take it. */
export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: "notice" | "warning" | "failure";
  readonly title: string;
  readonly message: string;
}

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = { error: "failure", warning: "warning", info: "notice" };

export function checkAnnotation(finding: Finding): CheckAnnotation {
  const line = Math.max(1, finding.line);
  return {
    path: finding.file,
    start_line: line,
    end_line: line,
    annotation_level: LEVEL[finding.severity],
    title: finding.rule,
    message: `${finding.message}\n${docsUrl(finding.rule)}`,
  };
}

/**
 * The fallback when no check run can be created: workflow commands, which the runner turns into
 * annotations with any token. GitHub shows at most 10 errors and 10 warnings of them per step.
 */
export function emitWorkflowAnnotations(findings: readonly Finding[]): void {
  for (const finding of findings) {
    const properties = {
      title: capCharacters(`Plumbline ${finding.rule}`, ANNOTATION_TITLE_CHARACTERS),
      file: finding.file,
      startLine: Math.max(1, finding.line),
      startColumn: Math.max(1, finding.column),
    };
    const message = capBytes(`${finding.message} (${docsUrl(finding.rule)})`, ANNOTATION_MESSAGE_BYTES);
    if (finding.severity === "error") core.error(message, properties);
    else if (finding.severity === "warning") core.warning(message, properties);
    else core.notice(message, properties);
  }
}
