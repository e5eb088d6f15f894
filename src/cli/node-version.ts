/**
 * The oldest Node the CLI runs on; package.json's `engines` says the same (a test keeps them equal).
 * 22.19 because the Kubernetes client's HTTP library (undici 8) needs it, and the core uses what Node 22
 * added (Map.groupBy, Set methods). Node 20 is end-of-life.
 */
export const MINIMUM_NODE = "22.19.0";

/** One sentence when `version` (process.versions.node) is older than MINIMUM_NODE, else undefined. */
export function nodeTooOld(version: string): string | undefined {
  const have = version.split(".").map(Number);
  const need = MINIMUM_NODE.split(".").map(Number);
  for (let i = 0; i < need.length; i++) {
    const [a, b] = [have[i] ?? 0, need[i] ?? 0];
    if (a > b) return undefined;
    if (a < b) return `needs Node.js ${MINIMUM_NODE} or newer; this is Node.js ${version} (https://nodejs.org)`;
  }
  return undefined;
}
