import type { Operation } from "fast-json-patch";
import { type Document, parseAllDocuments } from "yaml";
import { formatPointer } from "../manifests/pointer.js";
import { KUBE_YAML, TO_JS } from "../manifests/yaml-options.js";
import { DocumentEditor, type Equivalence } from "./document-editor.js";
import { EditError } from "./errors.js";
import { equalWith, firstDifference, isJsonObject, type JsonValue } from "./json-value.js";
import { diffLines, type LineChange } from "./line-diff.js";
import { detectEol, lineStartAt } from "./text-lines.js";
import { runPatch, validateOperations } from "./validate-patch.js";

/** Which object of a file a patch is for: a document, or an item of a `kind: List` document. */
export interface EditTarget {
  readonly documentIndex: number;
  readonly listIndex?: number;
}

export interface EditOptions {
  /**
   * When a scalar is replaced by a value this calls equivalent, the text keeps the old spelling
   * (drift passes a quantity comparison so `cpu: 1000m` stays when the cluster says `1`). Only
   * called for scalars; equal values always keep their spelling.
   */
  readonly keepEquivalent?: (oldValue: unknown, newValue: unknown) => boolean;
}

export interface DocumentPatch {
  readonly target: EditTarget;
  readonly ops: readonly Operation[];
}

export interface EditResult {
  readonly text: string;
  readonly changed: boolean;
  /** the runs of lines that differ from the original text, in order */
  readonly changedLines: readonly LineChange[];
}

/**
 * Applies a JSON Patch to one object of a YAML file's text, changing only what the patch changes:
 * comments, key order, quoting, indentation, anchors and the other documents stay as written.
 * Read back with kubectl's YAML 1.1, the result is exactly what the patch makes of the object.
 * @throws EditError when the patch is invalid or the edit cannot be made faithfully; the text is then untouched.
 */
export function applyPatchToYaml(
  text: string,
  target: EditTarget,
  ops: readonly Operation[],
  options: EditOptions = {},
): EditResult {
  try {
    return applyPatchesToYaml(text, [{ target, ops }], options);
  } catch (error) {
    if (!(error instanceof EditError)) throw error;
    // one patch: name the operation only
    throw new EditError(error.code, error.message.replace(/^patch 0(?:, |: )/, ""), {
      ...(error.opIndex !== undefined ? { opIndex: error.opIndex } : {}),
      ...(error.path !== undefined ? { path: error.path } : {}),
    });
  }
}

interface Planned {
  readonly document: Document;
  readonly before: JsonValue;
  readonly ops: Operation[];
  /** for each op, the patch and operation it came from */
  readonly origins: Array<{ patchIndex: number; opIndex: number }>;
}

/**
 * Several patches, for several documents of one file, in one go: all apply or none do. Patches for
 * the same document apply in the order given.
 */
export function applyPatchesToYaml(text: string, patches: readonly DocumentPatch[], options: EditOptions = {}): EditResult {
  const keepEquivalent: Equivalence = options.keepEquivalent ?? (() => false);
  const documents = parseAllDocuments(text, KUBE_YAML);
  const plans = new Map<number, Planned>();
  patches.forEach((patch, patchIndex) => {
    try {
      planPatch(documents, plans, patch, patchIndex);
    } catch (error) {
      throw located(error, { patchIndex, opIndex: error instanceof EditError ? error.opIndex : undefined });
    }
  });

  const expected = new Map<number, JsonValue>();
  for (const [documentIndex, plan] of plans) {
    try {
      expected.set(documentIndex, runPatch(plan.before, plan.ops));
    } catch (error) {
      throw located(error, error instanceof EditError && error.opIndex !== undefined ? plan.origins[error.opIndex] : undefined);
    }
  }

  const eol = detectEol(text);
  let edited = text;
  const slices: EditedSlice[] = [];
  // from the last document up, so the offsets of the ones above stay valid
  for (const documentIndex of [...plans.keys()].sort((a, b) => b - a)) {
    const plan = plans.get(documentIndex) as Planned;
    const contentStart = plan.document.contents?.range?.[0] ?? 0;
    const start = lineStartAt(text, contentStart);
    const end = (plan.document.range as [number, number, number])[2];
    const before = text.slice(start, end);
    const editor = new DocumentEditor(before, contentStart - start, plan.before, eol, keepEquivalent);
    plan.ops.forEach((op, index) => {
      try {
        editor.apply(op);
      } catch (error) {
        throw located(asEditError(error), plan.origins[index]);
      }
    });
    let after: string;
    try {
      after = editor.text;
    } catch (error) {
      throw asEditError(error);
    }
    edited = edited.slice(0, start) + after + edited.slice(end);
    slices.push({ start, end, before, after });
  }

  verify(text, edited, documents, expected, keepEquivalent);
  return { text: edited, changed: edited !== text, changedLines: changedLinesOf(text, edited, slices) };
}

interface EditedSlice {
  readonly start: number;
  readonly end: number;
  readonly before: string;
  readonly after: string;
}

/**
 * The changed lines, diffed document by document: cheaper than diffing the whole file, and exact
 * however many documents changed. Falls back to the whole file when a document does not start and
 * end on line boundaries.
 */
function changedLinesOf(original: string, edited: string, slices: EditedSlice[]): LineChange[] {
  const aligned = slices.every(
    (slice) =>
      (slice.end === original.length || original[slice.end - 1] === "\n") &&
      (slice.start === 0 || original[slice.start - 1] === "\n"),
  );
  if (!aligned) return diffLines(original, edited);
  const changes: LineChange[] = [];
  let line = 0;
  let counted = 0;
  let shift = 0;
  for (const slice of [...slices].sort((a, b) => a.start - b.start)) {
    line += countLines(original, counted, slice.start);
    counted = slice.start;
    for (const change of diffLines(slice.before, slice.after)) {
      changes.push({ ...change, start: change.start + line, end: change.end + line, newStart: change.newStart + line + shift });
    }
    shift += countLines(slice.after, 0, slice.after.length) - countLines(slice.before, 0, slice.before.length);
  }
  return changes;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

function planPatch(documents: Document[], plans: Map<number, Planned>, patch: DocumentPatch, patchIndex: number): void {
  const { documentIndex, listIndex } = patch.target ?? {};
  if (!Number.isInteger(documentIndex) || documentIndex < 0 || documentIndex >= documents.length) {
    throw new EditError("no-such-target", `the file has no document ${documentIndex} (it has ${documents.length})`);
  }
  const document = documents[documentIndex] as Document;
  const problem = document.errors[0];
  if (problem) {
    throw new EditError("invalid-yaml", `document ${documentIndex} does not parse: ${problem.message.split("\n")[0]}`);
  }
  if (!document.contents?.range) throw new EditError("no-such-target", `document ${documentIndex} is empty`);
  validateOperations(patch.ops);
  const plan = plans.get(documentIndex) ?? { document, before: readDocument(document, documentIndex), ops: [], origins: [] };
  let prefix: string[] = [];
  if (listIndex !== undefined) {
    const items = isJsonObject(plan.before) ? plan.before.items : undefined;
    if (!Number.isInteger(listIndex) || !Array.isArray(items) || listIndex < 0 || listIndex >= items.length) {
      throw new EditError("no-such-target", `document ${documentIndex} has no List item ${listIndex}`);
    }
    prefix = ["items", String(listIndex)];
  }
  const base = formatPointer(prefix);
  patch.ops.forEach((op, opIndex) => {
    const moved = op.op === "move" || op.op === "copy" ? { from: base + op.from } : {};
    plan.ops.push({ ...op, ...moved, path: base + op.path } as Operation);
    plan.origins.push({ patchIndex, opIndex });
  });
  plans.set(documentIndex, plan);
}

function readDocument(document: Document, documentIndex: number): JsonValue {
  try {
    return document.toJS(TO_JS) as JsonValue;
  } catch (error) {
    throw new EditError("invalid-yaml", `document ${documentIndex} cannot be read: ${(error as Error).message}`);
  }
}

/** An unexpected failure while editing is still a refusal: the caller gets a typed error, never a half-edit. */
function asEditError(error: unknown): unknown {
  if (error instanceof EditError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new EditError("verification-failed", `the edit could not be made (${message}); nothing was changed`);
}

interface Origin {
  readonly patchIndex: number;
  readonly opIndex?: number | undefined;
}

/** Names the patch and operation an error came from, in its message and fields. */
function located(error: unknown, origin: Origin | undefined): unknown {
  if (!(error instanceof EditError) || !origin) return error;
  const message = error.message.replace(/^operation \d+: /, "");
  const where =
    origin.opIndex === undefined ? `patch ${origin.patchIndex}` : `patch ${origin.patchIndex}, operation ${origin.opIndex}`;
  return new EditError(error.code, `${where}: ${message}`, {
    patchIndex: origin.patchIndex,
    ...(origin.opIndex !== undefined ? { opIndex: origin.opIndex } : {}),
    ...(error.path !== undefined ? { path: error.path } : {}),
  });
}

/**
 * The safety net: the edited text must read back as the patched objects, and every other document
 * as before. Otherwise nothing is changed.
 */
function verify(
  original: string,
  edited: string,
  before: Document[],
  expected: Map<number, JsonValue>,
  keepEquivalent: Equivalence,
): void {
  if (edited === original) return;
  const after = parseAllDocuments(edited, KUBE_YAML);
  const fail = (why: string) =>
    new EditError("verification-failed", `the edited YAML would not match the patch: ${why}; nothing was changed`);
  if (after.length !== before.length) throw fail(`it has ${after.length} documents instead of ${before.length}`);
  after.forEach((document, index) => {
    const wanted = expected.get(index);
    if (wanted === undefined) {
      const old = before[index] as Document;
      if (old.errors.length > 0) return;
      if (document.errors.length > 0 || !equalWith(document.toJS(TO_JS), old.toJS(TO_JS), () => false)) {
        throw fail(`document ${index}, which the patch does not touch, would change`);
      }
      return;
    }
    const problem = document.errors[0];
    if (problem) throw fail(`document ${index} would not parse (${problem.message.split("\n")[0]})`);
    const actual = document.toJS(TO_JS) as JsonValue;
    if (!equalWith(actual, wanted, keepEquivalent)) {
      const at = firstDifference(actual, wanted, keepEquivalent);
      throw fail(`document ${index} reads back differently at ${at || "its root"}`);
    }
  });
}
