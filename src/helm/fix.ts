/**
 * A fix for a Helm-rendered object, moved to the values line that set the field: the template only
 * copies the value, so editing the rendering would change nothing and editing the template would change
 * every value set. Made only when every operation lands at or below the traced field, the value is the
 * whole field (not part of a string), and a value a template substitutes as a scalar is replaced, never
 * removed (the template would render an empty field).
 */
import type { Operation } from "fast-json-patch";
import type { Finding } from "../findings/finding.js";
import { parsePointer } from "../manifests/pointer.js";

export type ValuesFix = { readonly file: string; readonly ops: Operation[] } | { readonly reason: string };

const NOT_TRACED =
  "the object is rendered by Helm and the field does not come from one values key: fix the chart template it comes from";

export function valuesFix(finding: Finding): ValuesFix {
  const source = finding.valueSource;
  if (!source) return { reason: NOT_TRACED };
  if (!source.exact) {
    return { reason: `the field is only partly set by ${source.file}:${source.line}: change that value or the template by hand` };
  }
  const field = parsePointer(source.field);
  const ops: Operation[] = [];
  for (const op of finding.fix ?? []) {
    const at = parsePointer(op.path);
    const under = at.length >= field.length && field.every((segment, i) => at[i] === segment);
    if (!under || (at.length === field.length && op.op !== "replace") || !["add", "remove", "replace"].includes(op.op)) {
      return { reason: NOT_TRACED };
    }
    const path = source.pointer + op.path.slice(source.field.length);
    ops.push(op.op === "remove" ? { op: "remove", path } : { ...op, path });
  }
  return ops.length > 0 ? { file: source.file, ops } : { reason: NOT_TRACED };
}
