import { type EditTarget, suggestionFor } from "../edit/index.js";
import type { Finding } from "../findings/finding.js";
import type { SourceView } from "./sarif-source.js";

/**
 * A finding's JSON Patch as a SARIF `fix`: the lines the one edit engine (src/edit) changes, replaced
 * whole. Only for an object written as it stands in its file (`target`); a fix the engine declines to
 * make faithfully gets no `fixes`, as it gets no suggestion on a pull request.
 */
export function sarifFixes(
  finding: Finding,
  source: SourceView | undefined,
  target: EditTarget | undefined,
  artifactLocation: object,
) {
  if (!finding.fix || finding.fix.length === 0 || !source || !target) return undefined;
  let suggestion: ReturnType<typeof suggestionFor>;
  try {
    suggestion = suggestionFor(source.text, target, finding.fix);
  } catch {
    return undefined;
  }
  if (!suggestion) return undefined;
  const { startLine, endLine, lines } = suggestion;
  const eol = source.text.includes("\r\n") ? "\r\n" : "\n";
  // whole lines: from the start of the first to the start of the line after the last (or the text's end)
  const deletedRegion =
    endLine < source.lineCount
      ? { startLine, startColumn: 1, endLine: endLine + 1, endColumn: 1 }
      : { startLine, startColumn: 1, endLine, endColumn: source.line(endLine).length + 1 };
  const inserted = lines.length === 0 ? "" : lines.join(eol) + (endLine < source.lineCount ? eol : "");
  const safe = finding.fixApplicability === "safe";
  return [
    {
      description: {
        text: safe
          ? "Safe fix: `plumbline check --fix` makes it."
          : "Unsafe fix: it can change how the workload runs or stop it starting; `plumbline check --fix --unsafe-fixes` makes it.",
      },
      artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion, insertedContent: { text: inserted } }] }],
    },
  ];
}
