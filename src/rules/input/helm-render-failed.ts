import type { InputRule } from "../types.js";

export const helmRenderFailed: InputRule = {
  id: "helm-render-failed",
  title: "Helm chart cannot be rendered",
  severity: "error",
  category: "input",
  why: "`helm install`, `helm upgrade`, Argo CD and Flux run the same rendering: when `helm template` fails (a `required` value left unset, a values file that does not parse, a template error), nothing in the chart is deployed with these values, and none of its objects could be checked.",
  appliesTo: (problem) => problem.kind === "helm-failed",
  check: (problem) => [{ path: "", message: `helm template failed: ${problem.message}` }],
};
