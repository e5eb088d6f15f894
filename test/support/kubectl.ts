import { execFileSync } from "node:child_process";

/** Kustomize tests render with the real `kubectl kustomize`; without kubectl on PATH they skip, saying so. */
export const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
