import type { Summary } from "../check.js";
import type { Finding } from "../findings/finding.js";

/**
 * The version of the JSON shape: raised only when a field changes meaning or goes away (adding one is
 * compatible). docs/schema/check-output.schema.json describes it.
 */
export const JSON_OUTPUT_VERSION = 1;

/** The documented JSON shape, key for key: nothing internal leaks into it. */
export function renderJson(findings: readonly Finding[], summary: Summary): string {
  const shaped = findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    resource: {
      apiVersion: f.resource.apiVersion,
      kind: f.resource.kind,
      namespace: f.resource.namespace,
      name: f.resource.name,
    },
    message: f.message,
    fingerprint: f.fingerprint,
    ...(f.fix ? { fix: f.fix, fixApplicability: f.fixApplicability ?? "unsafe" } : {}),
    ...(f.valueSource
      ? { valueSource: { file: f.valueSource.file, line: f.valueSource.line, column: f.valueSource.column } }
      : {}),
  }));
  return `${JSON.stringify({ version: JSON_OUTPUT_VERSION, findings: shaped, summary }, null, 2)}\n`;
}
