import { CelCompileError, compileCel, type ExpressionPosition } from "../cel/program.js";
import { ConfigError } from "../config/errors.js";
import type { CustomRule, CustomRuleEntry } from "./custom-rule.js";

type Locate = (pointer: string) => { line: number; column: number };
/** Where a position inside the expression at `pointer` is in the file; undefined without the text. */
export type LocateExpression = (pointer: string, position: ExpressionPosition) => { line: number; column: number } | undefined;

/**
 * `rules.custom` after schema validation: ids checked, every expression compiled. A bad expression is a
 * configuration error at its own line and column, with CEL's message; so is a function Plumbline lacks,
 * since the rule could never pass or fail for the right reason.
 */
export function readCustomRules(
  raw: readonly CustomRuleEntry[],
  file: string,
  locate: Locate,
  locateExpression: LocateExpression,
  builtInIds: ReadonlySet<string>,
): CustomRule[] {
  const seen = new Set<string>();
  return raw.map((entry, index) => {
    const at = `/rules/custom/${index}`;
    const fail = (pointer: string, detail: string): never => {
      const { line, column } = locate(pointer);
      throw new ConfigError(file, line, column, detail);
    };
    if (builtInIds.has(entry.id)) fail(`${at}/id`, `rules.custom[${index}].id: ${entry.id} is a built-in rule's id`);
    if (seen.has(entry.id)) fail(`${at}/id`, `rules.custom[${index}].id: ${entry.id} is used twice`);
    seen.add(entry.id);
    const names = new Set<string>();
    (entry.variables ?? []).forEach((variable, i) => {
      if (names.has(variable.name))
        fail(`${at}/variables/${i}/name`, `rules.custom[${index}].variables: ${variable.name} is defined twice`);
      names.add(variable.name);
      check(`${at}/variables/${i}/expression`, variable.expression);
    });
    check(`${at}/expression`, entry.expression);
    if (entry.messageExpression !== undefined) check(`${at}/messageExpression`, entry.messageExpression);
    return {
      id: entry.id,
      severity: entry.severity ?? "warning",
      match: entry.match ?? {},
      variables: entry.variables ?? [],
      expression: entry.expression,
      ...(entry.message !== undefined ? { message: entry.message } : {}),
      ...(entry.messageExpression !== undefined ? { messageExpression: entry.messageExpression } : {}),
    };

    function check(pointer: string, expression: string): void {
      const where = (position: ExpressionPosition) => locateExpression(pointer, position) ?? locate(pointer);
      try {
        const program = compileCel(expression);
        const missing = program.unsupported[0];
        if (missing) {
          const { line, column } = where(missing.position);
          throw new ConfigError(
            file,
            line,
            column,
            `${keyOf(pointer)}: ${missing.name}() is not supported by Plumbline (docs/rules/custom.md lists what is)`,
          );
        }
      } catch (error) {
        if (!(error instanceof CelCompileError)) throw error;
        const { line, column } = where(error.position);
        throw new ConfigError(file, line, column, `${keyOf(pointer)}: ${error.detail}`);
      }
    }
  });
}

function keyOf(pointer: string): string {
  return pointer
    .slice(1)
    .split("/")
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
}
