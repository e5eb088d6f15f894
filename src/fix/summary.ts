/** What `--fix` did, in a few lines for stderr: the report on stdout stays what the format promises. */

import { plural } from "../plural.js";
import type { FixOutcome } from "./fix-files.js";

export function fixSummary(outcome: FixOutcome, dryRun: boolean): string {
  const lines: string[] = [];
  const count = outcome.fixed.reduce((sum, file) => sum + file.findings.length, 0);
  if (count === 0) {
    lines.push(dryRun ? "plumbline: nothing to fix (dry run)" : "plumbline: nothing to fix");
  } else {
    const what = `${plural(count, "finding")} in ${plural(outcome.fixed.length, "file")}`;
    lines.push(dryRun ? `plumbline: would fix ${what} (dry run: nothing written)` : `plumbline: fixed ${what}`);
    for (const file of outcome.fixed) {
      const rules = [...new Set(file.findings.map((finding) => finding.rule))].sort();
      lines.push(`  ${file.file}: ${rules.join(", ")}`);
    }
  }
  if (outcome.skipped.length > 0) {
    lines.push(`plumbline: ${plural(outcome.skipped.length, "fix", "fixes")} not made:`);
    for (const { finding, reason } of outcome.skipped) {
      lines.push(`  ${finding.file}:${finding.line}:${finding.column} ${finding.rule}: ${reason}`);
    }
  }
  if (outcome.heldBack.length > 0) {
    const rules = [...new Set(outcome.heldBack.map((finding) => finding.rule))].sort();
    lines.push(
      `plumbline: ${plural(outcome.heldBack.length, "unsafe fix", "unsafe fixes")} held back (${rules.join(", ")}): they can change how a workload runs or stop it starting; review them and apply with --unsafe-fixes`,
    );
  }
  return `${lines.join("\n")}\n`;
}
