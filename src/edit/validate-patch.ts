import jsonPatch, { type Operation } from "fast-json-patch";
import { parsePointer } from "../manifests/pointer.js";
import { EditError } from "./errors.js";
import { cloneJson, type JsonValue, notJsonReason } from "./json-value.js";

/**
 * Checks a patch before any text is touched, then runs it on the plain object: the result is what the
 * edited YAML must read back as. RFC 6902 is applied strictly: array indexes without leading zeros,
 * `add` needs an existing parent, `move` cannot go into its own child.
 */

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

function invalid(message: string, opIndex: number, path?: string): EditError {
  return new EditError("invalid-patch", `operation ${opIndex}: ${message}`, { opIndex, ...(path !== undefined ? { path } : {}) });
}

function checkPointer(pointer: unknown, name: string, opIndex: number): asserts pointer is string {
  if (typeof pointer !== "string") throw invalid(`\`${name}\` must be a JSON pointer string`, opIndex);
  if (pointer !== "" && !pointer.startsWith("/")) throw invalid(`\`${name}\` must be "" or start with "/"`, opIndex, pointer);
  if (/~[^01]|~$/.test(pointer)) throw invalid(`\`${name}\` has a "~" that is not "~0" or "~1"`, opIndex, pointer);
}

/** The shape of every operation: known `op`, pointers, JSON values. */
export function validateOperations(ops: unknown): asserts ops is Operation[] {
  if (!Array.isArray(ops)) throw new EditError("invalid-patch", "a JSON Patch must be an array of operations");
  ops.forEach((op: unknown, opIndex) => {
    if (op === null || typeof op !== "object" || Array.isArray(op)) throw invalid("is not an object", opIndex);
    const record = op as Record<string, unknown>;
    if (typeof record.op !== "string" || !OPS.has(record.op)) {
      throw invalid(`unknown op ${JSON.stringify(record.op)} (expected add, remove, replace, move, copy or test)`, opIndex);
    }
    checkPointer(record.path, "path", opIndex);
    if (record.op === "move" || record.op === "copy") {
      checkPointer(record.from, "from", opIndex);
      if (record.op === "move" && record.path.startsWith(`${record.from}/`)) {
        throw invalid(`cannot move ${record.from} into its own child ${record.path}`, opIndex, record.path);
      }
    }
    if (record.op === "add" || record.op === "replace" || record.op === "test") {
      if (!("value" in record)) throw invalid(`${record.op} needs a \`value\``, opIndex, record.path);
      const reason = notJsonReason(record.value);
      if (reason) throw invalid(`the value ${reason}`, opIndex, record.path);
    }
  });
}

/** Array indexes in a pointer must be canonical (`01` is not an index) and inside the array. */
function checkIndexes(root: unknown, pointer: string, allowAppend: boolean, opIndex: number): void {
  const segments = parsePointer(pointer);
  let current: unknown = root;
  segments.forEach((segment, depth) => {
    const last = depth === segments.length - 1;
    if (Array.isArray(current)) {
      if (!(ARRAY_INDEX.test(segment) || (last && allowAppend && segment === "-"))) {
        throw invalid(`"${segment}" is not an array index`, opIndex, pointer);
      }
      current = current[Number(segment)];
    } else if (current !== null && typeof current === "object") {
      current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    } else {
      current = undefined;
    }
  });
}

/** Runs the patch on a copy of `document`; the result and the state before each operation. */
export function runPatch(document: JsonValue, ops: readonly Operation[]): JsonValue {
  let state = cloneJson(document);
  ops.forEach((op, opIndex) => {
    checkIndexes(state, op.path, op.op === "add" || op.op === "move" || op.op === "copy", opIndex);
    if (op.op === "move" || op.op === "copy") checkIndexes(state, op.from, false, opIndex);
    try {
      for (const step of rfcSteps(state, op)) {
        state = jsonPatch.applyOperation(state, step, true, true, true, opIndex).newDocument as JsonValue;
      }
    } catch (error) {
      const name = (error as Error).name;
      const message = ((error as Error).message ?? String(error)).split("\n")[0];
      if (name === "TEST_OPERATION_FAILED") {
        throw new EditError("test-failed", `operation ${opIndex}: test of ${op.path} failed`, { opIndex, path: op.path });
      }
      throw invalid(`${op.op} ${op.path}: ${message}`, opIndex, op.path);
    }
  });
  return state;
}

/**
 * RFC 6902 defines `move` as a remove followed by an add, so the target is checked against the
 * document without the moved value; fast-json-patch checks it against the document before.
 */
function rfcSteps(state: JsonValue, op: Operation): Operation[] {
  if (op.op !== "move" || op.from === op.path) return [cloneJson(op)];
  let value: unknown = state;
  for (const segment of parsePointer(op.from)) value = (value as Record<string, unknown>)?.[segment];
  return [
    { op: "remove", path: op.from },
    { op: "add", path: op.path, value: cloneJson(value) },
  ];
}
