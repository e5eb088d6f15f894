/**
 * Which fixes to make, object by object: every finding that carries a `fix`, traced back to the
 * document it came from, merged with the other fixes on that object into one patch.
 */
import jsonPatch, { type Operation } from "fast-json-patch";
import type { EditTarget } from "../edit/index.js";
import type { Finding } from "../findings/finding.js";
import { valuesFix } from "../helm/fix.js";
import type { KubeObject, RenderedBy, Resource } from "../manifests/resource.js";
import { mergeChanges } from "./merge.js";
import { minimalPatch } from "./object-patch.js";

/** A fix that is not made, and why. */
export interface SkippedFix {
  readonly finding: Finding;
  readonly reason: string;
}

/** Everything to change in one object: the merged fixes of its findings as one patch. */
export interface ObjectFix {
  readonly target: EditTarget;
  /** the object as it was checked: the patch applies to it, and only to it */
  readonly before: KubeObject;
  readonly after: KubeObject;
  /** JSON Patch against the object, the fewest operations that turn `before` into `after` */
  readonly ops: Operation[];
  /** the findings whose fixes it makes, in report order */
  readonly findings: Finding[];
}

export interface FileFix {
  readonly file: string;
  /** in document order */
  readonly objects: ObjectFix[];
}

export interface FixPlan {
  readonly files: FileFix[];
  readonly skipped: SkippedFix[];
  /** unsafe fixes left out because `--unsafe-fixes` was not given */
  readonly heldBack: Finding[];
}

export interface PlanOptions {
  /** make unsafe fixes too (`--unsafe-fixes`); by default only safe ones are made */
  readonly unsafe?: boolean;
}

/** A fix without an applicability (a finding from elsewhere) counts as unsafe: only a sure fix is made unasked. */
export function isSafeFix(finding: Finding): boolean {
  return finding.fixApplicability === "safe";
}

/**
 * Plans the fixes of `findings` on `resources` (as `check` returned them): the safe ones, and the
 * unsafe ones too when asked (the others are held back, and counted). Fixes on one object are
 * taken in report order; one that contradicts an earlier one is skipped and said so. Rendered objects
 * (Kustomize, Helm) are never fixed: the text that made them is a base, a patch or a template.
 */
export function planFixes(findings: readonly Finding[], resources: readonly Resource[], options: PlanOptions = {}): FixPlan {
  const skipped: SkippedFix[] = [];
  const heldBack: Finding[] = [];
  const byResource = new Map<Resource, Finding[]>();
  const valuesFixes = new Map<string, { finding: Finding; ops: Operation[] }[]>();
  const locate = resourceLocator(resources);
  for (const finding of findings) {
    if (!finding.fix || finding.fix.length === 0) continue;
    if (!options.unsafe && !isSafeFix(finding)) {
      heldBack.push(finding);
      continue;
    }
    const resource = locate(finding);
    if (!resource) {
      skipped.push({ finding, reason: "the object it is about was not found in the files read" });
    } else if (resource.renderedBy?.tool === "helm") {
      // a chart's field is fixed where its value is set: the values line (src/helm/fix.ts)
      const moved = valuesFix(finding);
      if ("reason" in moved) skipped.push({ finding, reason: moved.reason });
      else valuesFixes.set(moved.file, [...(valuesFixes.get(moved.file) ?? []), { finding, ops: moved.ops }]);
    } else if (resource.renderedBy) {
      skipped.push({ finding, reason: RENDERED[resource.renderedBy.tool] });
    } else {
      byResource.set(resource, [...(byResource.get(resource) ?? []), finding]);
    }
  }

  const files = new Map<string, ObjectFix[]>();
  for (const [resource, fixable] of byResource) {
    const merged = mergeFixes(resource.object, fixable);
    skipped.push(...merged.skipped);
    if (merged.applied.length === 0) continue;
    const ops = minimalPatch(resource.object, merged.after);
    if (ops.length === 0) {
      skipped.push(...merged.applied.map((finding) => ({ finding, reason: "its fix changes nothing" })));
      continue;
    }
    const { documentIndex, listIndex } = resource.source;
    const objects = files.get(resource.source.file) ?? [];
    objects.push({
      target: { documentIndex, ...(listIndex !== undefined ? { listIndex } : {}) },
      before: resource.object,
      after: merged.after,
      ops,
      findings: merged.applied,
    });
    files.set(resource.source.file, objects);
  }
  for (const [file, fixes] of valuesFixes) {
    // two value sets (or two objects) asking the same change of one values line make it once
    const ops = [...new Map(fixes.flatMap((fix) => fix.ops).map((op) => [JSON.stringify(op), op])).values()];
    // no `before`: a values file is no object the findings saw, so apply.ts adds no whole-document guard
    const before = undefined as unknown as KubeObject;
    files.set(file, [{ target: { documentIndex: 0 }, before, after: before, ops, findings: fixes.map((fix) => fix.finding) }]);
  }
  return {
    files: [...files].map(([file, objects]) => ({ file, objects: objects.sort(byTarget) })),
    skipped,
    heldBack,
  };
}

interface MergedFixes {
  readonly after: KubeObject;
  readonly applied: Finding[];
  readonly skipped: SkippedFix[];
}

/**
 * Runs each fix on the original object and merges what it changed into what the fixes before it
 * changed. The first fix to set a field wins; a later one that sets it differently is skipped whole,
 * so no fix is ever half made.
 */
export function mergeFixes(object: KubeObject, findings: readonly Finding[]): MergedFixes {
  let after: unknown = object;
  const applied: Array<{ finding: Finding; result: unknown }> = [];
  const skipped: SkippedFix[] = [];
  for (const finding of findings) {
    let result: unknown;
    try {
      result = jsonPatch.applyPatch(structuredClone(object), structuredClone(finding.fix ?? []), true, true).newDocument;
    } catch (error) {
      skipped.push({ finding, reason: `its patch does not apply to the object (${firstLine(error)})` });
      continue;
    }
    const merged = mergeChanges(object, after, result);
    if ("conflict" in merged) {
      const rival = applied.find((earlier) => "conflict" in mergeChanges(object, earlier.result, result));
      const by = rival ? `the fix for ${rival.finding.rule}` : "an earlier fix";
      skipped.push({ finding, reason: `it conflicts with ${by} at ${merged.conflict || "the object"}` });
      continue;
    }
    after = merged.value;
    applied.push({ finding, result });
  }
  return { after: after as KubeObject, applied: applied.map((entry) => entry.finding), skipped };
}

const RENDERED: Record<RenderedBy["tool"], string> = {
  kustomize: "the object is rendered by Kustomize: fix the base or patch it comes from",
  helm: "the object is rendered by Helm: fix the chart template or values it comes from",
};

/**
 * Finds the resource a finding is about by the document the finding carries. The identity must agree
 * too: resources from another load of the files could hold another object at that place.
 */
function resourceLocator(resources: readonly Resource[]): (finding: Finding) => Resource | undefined {
  const key = (file: string, documentIndex: number, listIndex: number | undefined) =>
    JSON.stringify([file, documentIndex, listIndex ?? null]);
  // a rendered object shares its source document with the same object of other renderings
  const byDocument = Map.groupBy(resources, ({ source }) => key(source.file, source.documentIndex, source.listIndex));
  return ({ document, resource: about }) => {
    if (!document) return undefined;
    return byDocument
      .get(key(document.file, document.documentIndex, document.listIndex))
      ?.find(
        (resource) =>
          resource.apiVersion === about.apiVersion &&
          resource.kind === about.kind &&
          (resource.namespace ?? null) === about.namespace &&
          resource.name === about.name,
      );
  };
}

function byTarget(a: ObjectFix, b: ObjectFix): number {
  return a.target.documentIndex - b.target.documentIndex || (a.target.listIndex ?? -1) - (b.target.listIndex ?? -1);
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split("\n")[0] ?? "";
}
