/**
 * Applies the planned fixes of one file to its text through the edit engine, which keeps comments,
 * key order, quoting, indentation and the untouched documents as written. An object whose fix the
 * engine refuses is left as it is; the other objects of the file are still fixed.
 */
import type { Operation } from "fast-json-patch";
import { applyPatchesToYaml, type DocumentPatch, EditError } from "../edit/index.js";
import type { FileFix, ObjectFix } from "./plan.js";

export interface FailedFix {
  readonly object: ObjectFix;
  readonly reason: string;
}

export interface FileFixResult {
  readonly text: string;
  readonly applied: ObjectFix[];
  readonly failed: FailedFix[];
}

export function applyFileFix(text: string, fix: FileFix): FileFixResult {
  try {
    // the usual case: every object's patch in one go, one parse and one verification for the file
    return { text: applyPatchesToYaml(text, fix.objects.map(guardedPatch)).text, applied: [...fix.objects], failed: [] };
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
  }
  // something was refused: object by object, to keep the fixes that can be made and name the others
  let current = text;
  const applied: ObjectFix[] = [];
  const failed: FailedFix[] = [];
  for (const object of fix.objects) {
    try {
      current = applyPatchesToYaml(current, [guardedPatch(object)]).text;
      applied.push(object);
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      failed.push({ object, reason: refusal(error) });
    }
  }
  return { text: current, applied, failed };
}

/**
 * The object's patch, led by a `test` that the document still reads as the object that was checked:
 * if the file changed in between, the fix is refused instead of landing on something else.
 */
function guardedPatch(object: ObjectFix): DocumentPatch {
  const guard: Operation[] = isPlainJson(object.before) ? [{ op: "test", path: "", value: object.before }] : [];
  return { target: object.target, ops: [...guard, ...object.ops] };
}

function refusal(error: EditError): string {
  const message = error.message.replace(/^patch \d+(, operation \d+)?: /, "");
  if (error.code === "test-failed") return "the file changed since it was checked";
  return `the edit engine refused it (${message})`;
}

/** A `test` can only carry JSON; YAML's binary or non-finite values skip the guard. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every(isPlainJson);
  }
  return false;
}
