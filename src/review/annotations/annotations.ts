import type { Finding, Severity } from "../../findings/finding.js";
import { docsUrl } from "../../rules/docs-url.js";
import type { HeadTexts } from "../inline/suggestions.js";

/** A note on one line of a file, as every forge shows one beside the diff; the door maps the level. */
export interface ReviewAnnotation {
  readonly file: string;
  /** 1-based, within the file */
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  /** the rule id */
  readonly title: string;
  readonly message: string;
  /** the rule's documentation */
  readonly docsUrl: string;
}

/**
 * A parser error at the very end of a file points one line past it: annotate (and comment on) the
 * last line instead, or the forge refuses the line.
 */
export function placeFindings(findings: readonly Finding[], files: HeadTexts): Finding[] {
  return findings.map((finding) => ({ ...finding, line: Math.min(finding.line, files.lastLine(finding.file) ?? finding.line) }));
}

export function annotationFor(finding: Finding): ReviewAnnotation {
  return {
    file: finding.file,
    line: Math.max(1, finding.line),
    column: Math.max(1, finding.column),
    severity: finding.severity,
    title: finding.rule,
    message: finding.message,
    docsUrl: docsUrl(finding.rule),
  };
}
