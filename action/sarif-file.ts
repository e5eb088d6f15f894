import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Finding } from "../src/findings/finding.js";
import { renderSarif } from "../src/report/sarif.js";

/**
 * Writes every finding at head as SARIF for github/codeql-action/upload-sarif. All of them, not only
 * the new ones: code scanning tracks alerts itself and closes those a run no longer reports.
 * Finding paths are already relative to the repository root, which is what code scanning resolves.
 */
export async function writeSarifFile(workspace: string, file: string, findings: readonly Finding[]): Promise<string> {
  const target = path.resolve(workspace, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, renderSarif(findings));
  return target;
}
