import type { Operation } from "fast-json-patch";
import type { RenderedBy, ValueSource } from "../manifests/resource.js";

// the loader records where a value was set; findings carry it as it is
export type { ValueSource } from "../manifests/resource.js";

export type Severity = "error" | "warning" | "info";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** error 2, warning 1, info 0: for "at or above" comparisons. */
export function severityRank(severity: Severity): number {
  return severity === "error" ? 2 : severity === "warning" ? 1 : 0;
}

/**
 * How sure a fix is, as Ruff splits them. A safe fix keeps what the object does (an apiVersion move
 * whose fields keep their meaning, a duplicate that never took effect): `--fix` applies it. An unsafe
 * fix is right in general but can change how the workload runs, or stop it starting (runAsNonRoot on
 * an image whose user is root): it is shown, and applied only with `--unsafe-fixes`.
 */
export type FixApplicability = "safe" | "unsafe";

export interface FindingResource {
  readonly apiVersion: string | null;
  readonly kind: string | null;
  readonly namespace: string | null;
  readonly name: string | null;
}

/**
 * The document that holds the object a finding is about, as the loader recorded it (Resource.source):
 * what a door needs to edit that object or suggest a change to it, without finding the resource again.
 * For a rendered object it is the document the object came from, which is not the object as applied.
 */
export interface FindingDocument {
  readonly file: string;
  /** index of the YAML document in the file, 0-based */
  readonly documentIndex: number;
  /** index inside a `kind: List`, when the object is one of its items */
  readonly listIndex?: number;
  /** set when the object was rendered (Kustomize, Helm): its text is then no place to edit */
  readonly renderedBy?: RenderedBy;
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
  /** absent for findings about the input itself (a file that did not parse), which have no object */
  readonly document?: FindingDocument;
  /** JSON Patch against the resource, when the right change is certain */
  readonly fix?: Operation[];
  /** set whenever `fix` is: whether `--fix` applies it or only `--unsafe-fixes` */
  readonly fixApplicability?: FixApplicability;
  /** the values file and line that set the field, for an object a Helm chart rendered */
  readonly valueSource?: ValueSource;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
