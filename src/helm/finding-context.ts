/** What a finding about a Helm-rendered object adds to its message: the value set, hooks, the values line. */
import type { ValueSource } from "../findings/finding.js";
import type { RenderedBy } from "../manifests/resource.js";

/**
 * ` (values: values-prod.yaml; set at charts/api/values-prod.yaml:7)`, ` (Helm hook pre-install; values:
 * values.yaml)`: each value set is judged on its own, so the same template line can have a finding under
 * one set and not another, and the reader must know which, and which values line to change. Every
 * output (text, SARIF, a review comment) carries the message, so every door says it. Empty for objects
 * Helm did not render.
 */
export function helmContext(renderedBy: RenderedBy | undefined, valueSource?: ValueSource): string {
  if (renderedBy?.tool !== "helm") return "";
  const hook =
    renderedBy.hook === undefined ? "" : renderedBy.hook === "test" ? "Helm test hook; " : `Helm hook ${renderedBy.hook}; `;
  const setAt = valueSource ? `; set at ${valueSource.file}:${valueSource.line}` : "";
  return ` (${hook}values: ${renderedBy.valueSet ?? "values.yaml"}${setAt})`;
}
