import type { InputRule } from "../types.js";

export const yamlSyntaxError: InputRule = {
  id: "yaml-syntax-error",
  title: "YAML cannot be parsed",
  severity: "error",
  category: "input",
  why: "kubectl and every GitOps controller reject the whole file, so nothing in it is applied; duplicate keys are worse: one value silently wins.",
  appliesTo: (problem) => problem.kind === "syntax" || problem.kind === "duplicate-key",
  check: (problem) => [{ path: "", message: problem.message }],
};
