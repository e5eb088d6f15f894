import type { InputRule } from "../types.js";

export const fileSkipped: InputRule = {
  id: "file-skipped",
  title: "File was not checked",
  severity: "info",
  category: "input",
  why: "A file that is too large, binary, unreadable or not rendered was not analysed, so a clean report says nothing about it.",
  appliesTo: (problem) => ["too-large", "binary", "unreadable", "not-rendered"].includes(problem.kind),
  check: (problem) => [{ path: "", message: problem.message }],
};
