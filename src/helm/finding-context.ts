/** What a finding about a Helm-rendered object adds to its message: the value set, and whether it is a hook. */
import type { RenderedBy } from "../manifests/resource.js";

/**
 * ` (values-prod.yaml)`, ` (Helm hook pre-install; values.yaml)`: each value set is judged on its own,
 * so the same template line can have a finding under one set and not another, and the reader must
 * know which. Empty for objects Helm did not render.
 */
export function helmContext(renderedBy: RenderedBy | undefined): string {
  if (renderedBy?.tool !== "helm") return "";
  const hook =
    renderedBy.hook === undefined ? "" : renderedBy.hook === "test" ? "Helm test hook; " : `Helm hook ${renderedBy.hook}; `;
  return ` (${hook}values: ${renderedBy.valueSet ?? "values.yaml"})`;
}
