import { type CelInput, celMap } from "@bufbuild/cel";
import { CelCompileError, type CelProgram } from "../cel/program.js";
import { programFor } from "./programs.js";

/** One CEL check on an object: the expression, and how to say it failed. */
export interface Validation {
  readonly expression: string;
  readonly message?: string;
  readonly messageExpression?: string;
}

export interface NamedExpression {
  readonly name: string;
  readonly expression: string;
}

/** What one validation says about one object. */
export type Verdict =
  | { readonly outcome: "pass" }
  | { readonly outcome: "fail"; readonly message: string }
  /** the expression could not be evaluated (an error, a non-bool, the cost budget): the API server denies */
  | { readonly outcome: "error"; readonly message: string }
  /** the expression calls functions Plumbline lacks: said, never passed silently */
  | { readonly outcome: "unsupported"; readonly message: string };

/**
 * Evaluates `variables` in order into the `variables` binding. A variable that fails is left out and its
 * error kept: a validation that reads it fails with that error, as with the API server's lazy variables.
 */
export function bindVariables(
  variables: readonly NamedExpression[],
  bindings: Record<string, CelInput>,
): { bindings: Record<string, CelInput>; errors: Map<string, string> } {
  const values = new Map<string, CelInput>();
  const errors = new Map<string, string>();
  const withVariables = { ...bindings, variables: celMap(values) };
  for (const variable of variables) {
    const program = programFor(variable.expression);
    if (program instanceof CelCompileError) {
      errors.set(variable.name, `variable ${variable.name} does not compile: ${program.detail}`);
      continue;
    }
    const result = program.evaluate(withVariables);
    if (result.ok) values.set(variable.name, result.value);
    else errors.set(variable.name, `variable ${variable.name}: ${result.error}`);
  }
  return { bindings: withVariables, errors };
}

export function judge(
  validation: Validation,
  bindings: Record<string, CelInput>,
  variableErrors: ReadonlyMap<string, string>,
): Verdict {
  const program = programFor(validation.expression);
  if (program instanceof CelCompileError)
    return { outcome: "error", message: `the expression does not compile: ${program.detail}` };
  if (program.unsupported.length > 0) return { outcome: "unsupported", message: unsupportedMessage(program) };
  const result = program.evaluate(bindings);
  if (!result.ok) {
    const missingVariable = /no such key: (\w+)|field not found: (\w+)/.exec(result.error);
    const name = missingVariable?.[1] ?? missingVariable?.[2];
    const cause = (name !== undefined ? variableErrors.get(name) : undefined) ?? result.error;
    return { outcome: "error", message: `the expression could not be evaluated: ${cause}` };
  }
  if (result.value === true) return { outcome: "pass" };
  if (result.value !== false) return { outcome: "error", message: "the expression must give true or false" };
  return { outcome: "fail", message: messageOf(validation, bindings) };
}

/** messageExpression when it gives a non-empty one-line string, else message, else the expression itself. */
function messageOf(validation: Validation, bindings: Record<string, CelInput>): string {
  if (validation.messageExpression !== undefined) {
    const program = programFor(validation.messageExpression);
    if (!(program instanceof CelCompileError) && program.unsupported.length === 0) {
      const result = program.evaluate(bindings);
      if (result.ok && typeof result.value === "string" && result.value.trim() !== "" && !result.value.includes("\n"))
        return result.value;
    }
  }
  return validation.message ?? `failed expression: ${validation.expression.trim()}`;
}

export function unsupportedMessage(program: CelProgram): string {
  const names = [...new Set(program.unsupported.map((call) => `${call.name}()`))].join(", ");
  return `uses ${names}, which Plumbline does not implement: not evaluated (see docs/rules/custom.md#not-supported)`;
}
