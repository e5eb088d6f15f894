import type { InputRule } from "../types.js";

export const fileSkipped: InputRule = {
  id: "file-skipped",
  title: "File was not checked",
  severity: "info",
  category: "input",
  why: "A file that is too large, binary, unreadable, not rendered or not listed by its kustomization was not analysed, so a clean report says nothing about it.",
  appliesTo: (problem) =>
    ["too-large", "binary", "unreadable", "not-rendered", "not-listed", "unused-component", "template", "symlink"].includes(
      problem.kind,
    ),
  check: (problem) => [{ path: "", message: problem.message }],
};
