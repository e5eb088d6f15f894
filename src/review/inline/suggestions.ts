import { applyPatchesToYaml, EditError, type Suggestion, suggestionFromResult } from "../../edit/index.js";
import { compareFindings, type Finding } from "../../findings/finding.js";
import { planFixes } from "../../fix/index.js";
import type { Resource } from "../../manifests/resource.js";

/** The head revision's file texts, read by the door: for suggestions and for placing comments. */
export interface HeadTexts {
  text(file: string): string | undefined;
  /** the number of the file's last line (a trailing line break starts no new line) */
  lastLine(file: string): number | undefined;
}

/** One suggested change of the head file's lines, and the findings whose fixes it makes. */
export interface FixSuggestion {
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly suggestion: Suggestion;
}

export interface Suggester {
  /**
   * The fixes of `findings`, merged object by object into one suggestion each, exactly as
   * `plumbline check --fix --unsafe-fixes` merges them (src/fix): GitHub applies one suggestion per
   * line in a batch, so three fixes of one container must arrive as one block, not three.
   */
  merged(findings: readonly Finding[]): FixSuggestion[];
  /** one finding's fix alone */
  single(finding: Finding): Suggestion | undefined;
}

/**
 * Turns findings' JSON Patch fixes into suggested changes of the head file's lines, through the fix
 * planner (src/fix: which object, merged how, never a Kustomize rendering) and the one edit engine
 * (src/edit). What either declines goes without a suggestion; `declined` hears why.
 */
export function suggesterFor(
  resources: readonly Resource[],
  files: HeadTexts,
  declined: (finding: Finding, reason: string) => void = () => {},
): Suggester {
  const merged = (findings: readonly Finding[]): FixSuggestion[] => {
    // in report order, as --fix takes them: the first fix to set a field wins, and key order follows
    const plan = planFixes([...findings].sort(compareFindings), resources, { unsafe: true });
    for (const skipped of plan.skipped) declined(skipped.finding, skipped.reason);
    const suggestions: FixSuggestion[] = [];
    for (const file of plan.files) {
      const text = files.text(file.file);
      if (text === undefined) continue;
      for (const object of file.objects) {
        try {
          const suggestion = suggestionFromResult(text, applyPatchesToYaml(text, [{ target: object.target, ops: object.ops }]));
          if (suggestion) suggestions.push({ file: file.file, findings: object.findings, suggestion });
        } catch (error) {
          // the edit engine declines what it cannot do faithfully: the comment then goes without a suggestion
          if (!(error instanceof EditError)) throw error;
          for (const finding of object.findings) declined(finding, error.message);
        }
      }
    }
    return suggestions;
  };
  return { merged, single: (finding) => merged([finding])[0]?.suggestion };
}
