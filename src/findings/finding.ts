import type { Operation } from "fast-json-patch";

export type Severity = "error" | "warning" | "info";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** error 2, warning 1, info 0: for "at or above" comparisons. */
export function severityRank(severity: Severity): number {
  return severity === "error" ? 2 : severity === "warning" ? 1 : 0;
}

export interface FindingResource {
  readonly apiVersion: string | null;
  readonly kind: string | null;
  readonly namespace: string | null;
  readonly name: string | null;
}

/** One thing a reviewer should look at: plain data, the same for every output. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly resource: FindingResource;
  readonly message: string;
  /** stable across edits that move lines: rule + resource identity + field path */
  readonly fingerprint: string;
  /** JSON pointer of the field the finding is about, in the resource (or "" for the document) */
  readonly path: string;
  /** JSON Patch against the resource, when the right change is certain */
  readonly fix?: Operation[];
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
