import type { Summary } from "../check.js";
import type { Finding } from "../findings/finding.js";

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
  }));
  return `${JSON.stringify({ findings: shaped, summary }, null, 2)}\n`;
}
