import type { InputRule } from "../types.js";

export const helmNotFound: InputRule = {
  id: "helm-not-found",
  title: "Helm chart not checked: helm is not installed",
  severity: "info",
  category: "input",
  why: "A chart is only a set of objects once `helm template` renders it; without helm on PATH its objects cannot be checked, so a clean report says nothing about the chart.",
  appliesTo: (problem) => problem.kind === "no-helm",
  check: (problem) => [{ path: "", message: problem.message }],
};
