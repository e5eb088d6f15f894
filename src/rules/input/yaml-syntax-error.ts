import type { InputRule } from "../types.js";

export const yamlSyntaxError: InputRule = {
  id: "yaml-syntax-error",
  title: "YAML cannot be parsed",
  severity: "error",
  category: "input",
  why: "kubectl and every GitOps controller reject the whole file, so nothing in it is applied; (duplicate keys, which kubectl accepts, are yaml-duplicate-key).",
  appliesTo: (problem) => problem.kind === "syntax",
  check: (problem) => [{ path: "", message: problem.message }],
};
