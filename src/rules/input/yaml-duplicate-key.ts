import type { InputRule } from "../types.js";

export const yamlDuplicateKey: InputRule = {
  id: "yaml-duplicate-key",
  title: "A YAML map repeats a key",
  severity: "warning",
  category: "input",
  why: "kubectl keeps the last value and applies the object, warning about the duplicate as its field validation does; the first value is dead text a reviewer still reads.",
  appliesTo: (problem) => problem.kind === "duplicate-key",
  check: (problem) => [{ path: "", message: problem.message }],
};
