import { type CelInput, type CelValue, isCelList, isCelMap } from "@bufbuild/cel";
import type { Expr } from "@bufbuild/cel-spec/cel/expr/syntax_pb.js";
import { CelCompileError, evaluateNode } from "../cel/program.js";
import { joinPointer } from "../manifests/pointer.js";
import { programFor } from "./programs.js";

/** How deep the explanation follows nested `all`/`exists`: enough for containers → ports → …. */
const MAX_DEPTH = 6;

/**
 * The field a failed expression is about, as a JSON pointer into the object, so the finding lands on the
 * offending line rather than the object's first. The expression is taken apart the way a reviewer would:
 * which operand of `&&`/`||` is to blame, which element of `all(x, P)` fails P (or of `!exists(x, P)`
 * satisfies it), and finally which field of that element the failing part reads. Values keep their
 * identity from the object (each map and list was converted once), so an element reached through a
 * variable (`variables.containers.all(c, …)`) is still found in the object. "" when nothing narrower is known.
 */
export function failingPath(expression: string, object: CelValue, bindings: Record<string, CelInput>): string {
  const program = programFor(expression);
  if (program instanceof CelCompileError) return "";
  try {
    return explain(program.ast, bindings, true, indexPointers(object), 0) ?? "";
  } catch (error) {
    // a tree too deep to walk: the finding stays on the object, it is not lost
    if (error instanceof RangeError) return "";
    throw error;
  }
}

type Pointers = Map<object, string>;

/** Per converted object: found once however many rules fail on it. */
const indexed = new WeakMap<object, Pointers>();

function indexPointers(root: CelValue): Pointers {
  const known = typeof root === "object" && root !== null ? indexed.get(root) : undefined;
  if (known) return known;
  const pointers: Pointers = new Map();
  if (typeof root === "object" && root !== null) indexed.set(root, pointers);
  const visit = (value: CelValue, pointer: string) => {
    if (isCelMap(value)) {
      if (pointers.has(value)) return;
      pointers.set(value, pointer);
      for (const [key, item] of value) visit(item, joinPointer(pointer, String(key)));
    } else if (isCelList(value)) {
      if (pointers.has(value)) return;
      pointers.set(value, pointer);
      let index = 0;
      for (const item of value) visit(item, joinPointer(pointer, index++));
    }
  };
  visit(root, "");
  return pointers;
}

/** Where `expr`, which did not evaluate to `wanted`, went wrong. */
function explain(
  expr: Expr,
  bindings: Record<string, CelInput>,
  wanted: boolean,
  pointers: Pointers,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const kind = expr.exprKind;
  if (kind.case === "callExpr") {
    const { function: name, args } = kind.value;
    if (name === "!_" && args[0]) return explain(args[0], bindings, !wanted, pointers, depth);
    if (name === "_&&_" || name === "_||_") {
      // `a && b` short of true, or `a || b` short of false: the first operand that broke it.
      // `a || b` short of true (every operand false): guards come first, so the last operand is the claim.
      const blameFirst = (name === "_&&_") === wanted;
      const operands = blameFirst ? args : [...args].reverse();
      for (const operand of operands) {
        if (blameFirst && evaluated(operand, bindings) === wanted) continue;
        const found = explain(operand, bindings, wanted, pointers, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
  }
  if (kind.case === "comprehensionExpr") {
    const macro = quantifier(expr);
    if (macro) {
      const range = evaluateNode(macro.range, bindings);
      if (!range.ok) return undefined;
      // all(x, P) false, or exists(x, P) true under a `!`: an element decides it
      const elementDecides = (macro.kind === "all") === wanted;
      if (elementDecides && (isCelList(range.value) || isCelMap(range.value))) {
        const items = isCelList(range.value) ? Array.from(range.value) : Array.from(range.value.keys());
        for (const item of items) {
          const inner = { ...bindings, [macro.variable]: item };
          if (evaluated(macro.predicate, inner) !== (macro.kind !== "all")) continue;
          const deeper = explain(macro.predicate, inner, macro.kind === "all", pointers, depth + 1);
          if (deeper !== undefined) return deeper;
          const own = typeof item === "object" && item !== null ? pointers.get(item) : undefined;
          if (own !== undefined) return own;
          return pointerOfValue(range.value, pointers);
        }
      }
      return pointerOfValue(range.value, pointers);
    }
  }
  return fieldRead(expr, bindings, pointers);
}

/** The first field the expression reads from a value of the object: `c.image.startsWith(…)` → …/image. */
function fieldRead(expr: Expr, bindings: Record<string, CelInput>, pointers: Pointers): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === "selectExpr" && kind.value.operand) {
    const operand = evaluateNode(kind.value.operand, bindings);
    if (operand.ok && isCelMap(operand.value)) {
      const base = pointers.get(operand.value);
      if (base !== undefined) return joinPointer(base, kind.value.field);
    }
    return fieldRead(kind.value.operand, bindings, pointers);
  }
  if (kind.case === "callExpr") {
    for (const part of [kind.value.target, ...kind.value.args]) {
      if (!part) continue;
      const found = fieldRead(part, bindings, pointers);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function evaluated(expr: Expr, bindings: Record<string, CelInput>): CelValue | undefined {
  const result = evaluateNode(expr, bindings);
  return result.ok ? result.value : undefined;
}

function pointerOfValue(value: CelValue, pointers: Pointers): string | undefined {
  return typeof value === "object" && value !== null ? pointers.get(value) : undefined;
}

interface Quantifier {
  readonly kind: "all" | "exists";
  readonly variable: string;
  readonly range: Expr;
  readonly predicate: Expr;
}

/** `all` and `exists` as the parser expands them: a fold of `@result && P` from true, or `@result || P` from false. */
function quantifier(expr: Expr): Quantifier | undefined {
  if (expr.exprKind.case !== "comprehensionExpr") return undefined;
  const loop = expr.exprKind.value;
  const step = loop.loopStep?.exprKind;
  const init = loop.accuInit?.exprKind;
  if (step?.case !== "callExpr" || init?.case !== "constExpr" || !loop.iterRange) return undefined;
  const [accumulator, predicate] = step.value.args;
  if (accumulator?.exprKind.case !== "identExpr" || accumulator.exprKind.value.name !== loop.accuVar || !predicate)
    return undefined;
  const start = init.value.constantKind.case === "boolValue" ? init.value.constantKind.value : undefined;
  if (step.value.function === "_&&_" && start === true)
    return { kind: "all", variable: loop.iterVar, range: loop.iterRange, predicate };
  if (step.value.function === "_||_" && start === false)
    return { kind: "exists", variable: loop.iterVar, range: loop.iterRange, predicate };
  return undefined;
}
