import { type Expr, ExprSchema } from "@bufbuild/cel-spec/cel/expr/syntax_pb.js";
import { create } from "@bufbuild/protobuf";

/** The function the cost meter hangs on: no CEL source can name it (identifiers never start with `@`). */
export const TICK = "@plumbline.tick";

/** Calls the evaluator treats itself (operators with their own evaluation), never looked up as functions. */
const SPECIAL_CALLS = new Set([
  "_[_]",
  "_[?_]",
  "_?._",
  "_?_:_",
  "_&&_",
  "_||_",
  "@not_strictly_false",
  "__not_strictly_false__",
  TICK,
]);

/**
 * Rewrites a parsed expression in place for Plumbline's evaluator:
 * - every comprehension's loop condition goes through the cost meter, so `all`/`exists`/`map`/`filter`
 *   stop as soon as the budget is spent, however deeply they nest;
 * - `cel.bind(name, init, body)` (a macro of cel-go's bindings extension, which Kubernetes enables) becomes
 *   the comprehension cel-go expands it to.
 */
export function rewrite(root: Expr): Expr {
  let nextId = maxId(root) + 1n;
  const ids = () => nextId++;
  const visit = (expr: Expr): Expr => {
    const kind = expr.exprKind;
    switch (kind.case) {
      case "callExpr": {
        const call = kind.value;
        if (isBind(expr)) {
          const [name, init, body] = call.args as [Expr, Expr, Expr];
          const accuVar = name.exprKind.case === "identExpr" ? name.exprKind.value.name : "";
          return create(ExprSchema, {
            id: expr.id,
            exprKind: {
              case: "comprehensionExpr",
              value: {
                iterVar: "#unused",
                iterRange: create(ExprSchema, { id: ids(), exprKind: { case: "listExpr", value: { elements: [] } } }),
                accuVar,
                accuInit: visit(init),
                loopCondition: create(ExprSchema, {
                  id: ids(),
                  exprKind: { case: "constExpr", value: { constantKind: { case: "boolValue", value: false } } },
                }),
                loopStep: create(ExprSchema, { id: ids(), exprKind: { case: "identExpr", value: { name: accuVar } } }),
                result: visit(body),
              },
            },
          });
        }
        if (call.target) call.target = visit(call.target);
        call.args = call.args.map(visit);
        return expr;
      }
      case "selectExpr":
        if (kind.value.operand) kind.value.operand = visit(kind.value.operand);
        return expr;
      case "listExpr":
        kind.value.elements = kind.value.elements.map(visit);
        return expr;
      case "structExpr":
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === "mapKey") entry.keyKind.value = visit(entry.keyKind.value);
          if (entry.value) entry.value = visit(entry.value);
        }
        return expr;
      case "comprehensionExpr": {
        const loop = kind.value;
        for (const key of ["iterRange", "accuInit", "loopStep", "result"] as const) {
          const part = loop[key];
          if (part) loop[key] = visit(part);
        }
        const condition = loop.loopCondition ? visit(loop.loopCondition) : undefined;
        loop.loopCondition = create(ExprSchema, {
          id: ids(),
          exprKind: { case: "callExpr", value: { function: TICK, args: condition ? [condition] : [] } },
        });
        return expr;
      }
      default:
        return expr;
    }
  };
  return visit(root);
}

function isBind(expr: Expr): boolean {
  if (expr.exprKind.case !== "callExpr") return false;
  const call = expr.exprKind.value;
  const target = call.target?.exprKind;
  return (
    call.function === "bind" &&
    target?.case === "identExpr" &&
    target.value.name === "cel" &&
    call.args.length === 3 &&
    call.args[0]?.exprKind.case === "identExpr"
  );
}

function maxId(expr: Expr): bigint {
  let max = expr.id;
  forEachChild(expr, (child) => {
    const childMax = maxId(child);
    if (childMax > max) max = childMax;
  });
  return max;
}

function forEachChild(expr: Expr, visit: (child: Expr) => void): void {
  const kind = expr.exprKind;
  switch (kind.case) {
    case "callExpr":
      if (kind.value.target) visit(kind.value.target);
      for (const arg of kind.value.args) visit(arg);
      break;
    case "selectExpr":
      if (kind.value.operand) visit(kind.value.operand);
      break;
    case "listExpr":
      for (const element of kind.value.elements) visit(element);
      break;
    case "structExpr":
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === "mapKey") visit(entry.keyKind.value);
        if (entry.value) visit(entry.value);
      }
      break;
    case "comprehensionExpr":
      for (const part of [
        kind.value.iterRange,
        kind.value.accuInit,
        kind.value.loopCondition,
        kind.value.loopStep,
        kind.value.result,
      ]) {
        if (part) visit(part);
      }
      break;
    default:
      break;
  }
}

/** What unboundCalls needs of an environment's functions. */
export interface FunctionLookup {
  find(name: string): unknown;
}

/** A function the expression calls that the environment does not have. */
export interface UnboundCall {
  readonly name: string;
  /** the call's expression id, for its position in the source */
  readonly id: bigint;
}

/** Every call to a function `funcs` lacks: the evaluator would fail on them, so they are said up front. */
export function unboundCalls(root: Expr, funcs: FunctionLookup): UnboundCall[] {
  const found: UnboundCall[] = [];
  const visit = (expr: Expr) => {
    if (expr.exprKind.case === "callExpr") {
      const call = expr.exprKind.value;
      const qualified = call.target ? qualifiedName(call.target) : undefined;
      const known =
        SPECIAL_CALLS.has(call.function) ||
        funcs.find(call.function) !== undefined ||
        (qualified !== undefined && funcs.find(`${qualified}.${call.function}`) !== undefined);
      if (!known)
        found.push({
          name: qualified && !isVariableLike(qualified) ? `${qualified}.${call.function}` : call.function,
          id: expr.id,
        });
    }
    forEachChild(expr, visit);
  };
  visit(root);
  return found;
}

/** `a.b` for the select chain `a.b`, undefined for anything else. */
function qualifiedName(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === "identExpr") return kind.value.name;
  if (kind.case === "selectExpr" && kind.value.operand && !kind.value.testOnly) {
    const operand = qualifiedName(kind.value.operand);
    return operand === undefined ? undefined : `${operand}.${kind.value.field}`;
  }
  return undefined;
}

/** `object.spec.x.foo()` is the method foo on a value, not a function named `object.spec.x.foo`. */
function isVariableLike(name: string): boolean {
  const head = name.split(".")[0] ?? "";
  return !["sets", "cel", "optional", "strings", "math", "base64", "lists", "format"].includes(head);
}
