import { check } from "../../src/check.js";
import { INPUT_RULES, RULES } from "../../src/rules/registry.js";
import type { PhaseInput, PhaseOutput, Prepared } from "./types.js";

/** `plumbline check <dir>` without the printing: expand, read, parse with positions, run every rule. */
export async function plumbline({ dir }: PhaseInput): Promise<PhaseOutput> {
  const result = await check(["."], { cwd: dir });
  return { resources: result.summary.resources, findings: result.summary.findings };
}

/** The rule set grows while the project does: the results say how many rules this run had. */
export async function preparePlumbline(): Promise<Prepared> {
  return { run: plumbline, details: { rules: RULES.length, inputRules: INPUT_RULES.length, ruleIds: RULES.map((r) => r.id) } };
}
