import { type CelInput, type CelResult, CelScalar, type CelValue, celEnv, celFunc, isCelError, parse, plan } from "@bufbuild/cel";
import type { Expr } from "@bufbuild/cel-spec/cel/expr/syntax_pb.js";
import { rewrite, TICK, unboundCalls } from "./ast.js";
import { KUBERNETES_FUNCS } from "./library/index.js";
import { RE2_ENGINE } from "./library/regex.js";

/** Longer expressions are refused before parsing: nobody writes them by hand, and parsing costs grow with them. */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Comprehension steps one evaluation may take (Kubernetes' per-expression cost limit, in spirit). */
export const DEFAULT_COST_BUDGET = 50_000;

/** Where in the expression text something is: 1-based, relative to the expression's first character. */
export interface ExpressionPosition {
  readonly line: number;
  readonly column: number;
}

/** The expression does not parse, or calls something Plumbline lacks. */
export class CelCompileError extends Error {
  override name = "CelCompileError";
  constructor(
    readonly detail: string,
    readonly position: ExpressionPosition,
  ) {
    super(detail);
  }
}

export interface Unsupported {
  readonly name: string;
  readonly position: ExpressionPosition;
}

export type Outcome =
  | { readonly ok: true; readonly value: CelValue }
  | { readonly ok: false; readonly error: string; readonly budgetExceeded: boolean };

export interface CelProgram {
  readonly source: string;
  /** functions the expression calls that Plumbline does not implement: evaluating would only ever fail */
  readonly unsupported: readonly Unsupported[];
  /** the syntax tree as evaluated (macros expanded, cost meter in place), for explaining a failure */
  readonly ast: Expr;
  evaluate(bindings: Record<string, CelInput>, budget?: number): Outcome;
}

/** The budget of the evaluation in progress: evaluation is synchronous, so one slot is enough. */
let remaining = Number.POSITIVE_INFINITY;
let exceeded = false;

const tick = celFunc(TICK, [CelScalar.DYN], CelScalar.DYN, (condition) => {
  remaining -= 1;
  if (remaining < 0) {
    exceeded = true;
    throw new Error("cost budget exceeded");
  }
  return condition;
});

/** Built on first use: every `plumbline check` loads this module, few runs hold a CEL expression. */
let env: ReturnType<typeof celEnv> | undefined;
const environment = () => (env ??= celEnv({ funcs: [...KUBERNETES_FUNCS, tick], re2: RE2_ENGINE }));

/** Parses and plans an expression once; evaluation then runs against any bindings. */
export function compileCel(source: string): CelProgram {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new CelCompileError(`expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, { line: 1, column: 1 });
  }
  if (source.trim() === "") throw new CelCompileError("expression is empty", { line: 1, column: 1 });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    throw syntaxError(source, (error as Error).message);
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const positionOf = (id: bigint) => offsetToPosition(source, positions[String(id)] ?? 0);
  try {
    const expr: Expr = rewrite(parsed.expr);
    const unsupported = unboundCalls(expr, environment().funcs).map(({ name, id }) => ({ name, position: positionOf(id) }));
    const run = plan(environment(), expr);
    return { source, unsupported, ast: expr, evaluate: (bindings, budget) => metered(run, bindings, budget) };
  } catch (error) {
    // the syntax tree is walked recursively: a parse that survived can still be too deep to walk
    if (error instanceof RangeError) throw new CelCompileError(TOO_DEEP, { line: 1, column: 1 });
    throw error;
  }
}

const planned = new WeakMap<Expr, (bindings: Record<string, CelInput>) => CelResult>();

/** Evaluates one node of a compiled program's tree on its own (under the same budget rules). */
export function evaluateNode(node: Expr, bindings: Record<string, CelInput>, budget = DEFAULT_COST_BUDGET): Outcome {
  let run = planned.get(node);
  if (!run) {
    run = plan(environment(), node);
    planned.set(node, run);
  }
  return metered(run, bindings, budget);
}

function metered(
  run: (bindings: Record<string, CelInput>) => CelResult,
  bindings: Record<string, CelInput>,
  budget = DEFAULT_COST_BUDGET,
): Outcome {
  remaining = budget;
  exceeded = false;
  let value: CelResult;
  try {
    value = run(bindings);
  } finally {
    remaining = Number.POSITIVE_INFINITY;
  }
  if (exceeded) return { ok: false, error: `cost budget of ${budget} steps exceeded`, budgetExceeded: true };
  if (isCelError(value)) return { ok: false, error: value.message, budgetExceeded: false };
  return { ok: true, value };
}

const TOO_DEEP = "expression nests too deeply";

/** cel-es reports `<input>:line:column: message`; the position is made relative to the expression. */
function syntaxError(source: string, message: string): CelCompileError {
  if (message.includes("Maximum call stack size exceeded")) return new CelCompileError(TOO_DEEP, { line: 1, column: 1 });
  const match = /^<input>:(\d+):(\d+): (.*)$/s.exec(message);
  const detail = match?.[3] ?? message;
  const optional = /\.\?|\[\?/.test(source) ? " (optional field selection `.?` is not supported by Plumbline)" : "";
  if (!match) return new CelCompileError(`${detail}${optional}`, { line: 1, column: 1 });
  return new CelCompileError(`${detail}${optional}`, { line: Number(match[1]), column: Number(match[2]) });
}

function offsetToPosition(source: string, offset: number): ExpressionPosition {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
