import type { InputRule } from "../types.js";

export const kustomizeBuildFailed: InputRule = {
  id: "kustomize-build-failed",
  title: "Kustomization cannot be built",
  severity: "error",
  category: "input",
  why: "`kubectl apply -k`, Argo CD and Flux run the same build: when it fails, nothing in the overlay is deployed, and none of its objects could be checked.",
  appliesTo: (problem) => problem.kind === "build-failed",
  check: (problem) => [{ path: "", message: `kustomize build failed: ${problem.message}` }],
};
