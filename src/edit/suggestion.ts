import type { Operation } from "fast-json-patch";
import type { FixApplicability } from "../findings/finding.js";
import { applyPatchToYaml, type EditOptions, type EditResult, type EditTarget } from "./apply-patch.js";
import { splitLinesKeepingEnds, withoutLineEnd } from "./text-lines.js";

/** What a GitHub ```suggestion needs: lines of the original text and what replaces them. */
export interface Suggestion {
  /** first original line, 1-based */
  readonly startLine: number;
  /** last original line, inclusive (never before `startLine`: a suggestion always covers a line) */
  readonly endLine: number;
  /** the replacement lines, without line breaks; empty to delete the range */
  readonly lines: readonly string[];
}

/**
 * The smallest run of original lines that covers every change of the patch, with its new text.
 * Undefined when the patch changes nothing.
 * @throws EditError like applyPatchToYaml
 */
export function suggestionFor(
  text: string,
  target: EditTarget,
  ops: readonly Operation[],
  options: EditOptions = {},
): Suggestion | undefined {
  return suggestionFromResult(text, applyPatchToYaml(text, target, ops, options));
}

/** The same, from a result already computed for `original`. */
export function suggestionFromResult(original: string, result: EditResult): Suggestion | undefined {
  const first = result.changedLines[0];
  const last = result.changedLines.at(-1);
  if (!first || !last) return undefined;
  const before = splitLinesKeepingEnds(original).map(withoutLineEnd);
  const after = splitLinesKeepingEnds(result.text).map(withoutLineEnd);
  let startLine = first.start;
  let endLine = last.end;
  let newStart = first.newStart;
  let newEnd = last.newStart + last.lines.length - 1;
  if (endLine < startLine) {
    // only insertions: a suggestion must replace at least one line, so take in a neighbour
    if (startLine > 1) {
      startLine -= 1;
      newStart -= 1;
    } else {
      endLine = startLine;
      newEnd += 1;
    }
  }
  if (endLine < startLine || endLine > before.length) return undefined;
  return { startLine, endLine, lines: after.slice(newStart - 1, newEnd) };
}

/**
 * The line that goes above a suggested change, saying which kind of fix it is. A fix that says nothing
 * of itself is taken as unsafe, as `--fix` takes it.
 */
export function suggestionLabel(applicability: FixApplicability | undefined): string {
  return applicability === "safe"
    ? "Safe fix (`plumbline check --fix` makes it):"
    : "Unsafe fix: it can change how the workload runs or stop it starting, so check the image first (`plumbline check --fix --unsafe-fixes` makes it):";
}
