import { CelCompileError } from "../../cel/program.js";
import type { Finding } from "../../findings/finding.js";
import { unsupportedMessage } from "../evaluate.js";
import { policyFinding } from "../finding.js";
import { programFor } from "../programs.js";
import type { AdmissionPolicy } from "./policy.js";

export interface PolicyProblems {
  /** findings about the policy itself, at the expression concerned */
  readonly findings: Finding[];
  /** a variable or match condition cannot be evaluated: nothing of the policy can */
  readonly unusable: boolean;
  /** validations that cannot be evaluated (reported once here, not once per object) */
  readonly skipped: ReadonlySet<number>;
}

/**
 * Expressions of a policy that do not compile (the API server would refuse them too) or call functions
 * Plumbline lacks: reported on the policy, once, so no object silently passes them.
 */
export function policyProblems(policy: AdmissionPolicy): PolicyProblems {
  const findings: Finding[] = [];
  const skipped = new Set<number>();
  let unusable = false;
  const inspect = (pointer: string, expression: string): boolean => {
    const program = programFor(expression);
    if (program instanceof CelCompileError) {
      findings.push(problem(policy, pointer, "warning", `does not compile: ${program.detail}`));
      return false;
    }
    if (program.unsupported.length > 0) {
      findings.push(problem(policy, pointer, "info", unsupportedMessage(program)));
      return false;
    }
    return true;
  };
  policy.variables.forEach((variable, i) => {
    if (!inspect(`/spec/variables/${i}/expression`, variable.expression)) unusable = true;
  });
  policy.matchConditions.forEach((condition, i) => {
    if (!inspect(`/spec/matchConditions/${i}/expression`, condition.expression)) unusable = true;
  });
  for (const validation of policy.validations) {
    if (!inspect(`/spec/validations/${validation.index}/expression`, validation.expression)) skipped.add(validation.index);
  }
  return { findings, unusable, skipped };
}

function problem(policy: AdmissionPolicy, path: string, severity: "warning" | "info", detail: string): Finding {
  return policyFinding({
    rule: "admission-policy",
    severity,
    resource: policy.resource,
    path,
    message: `ValidatingAdmissionPolicy '${policy.name}': ${path.slice(1).replaceAll("/", ".")} ${detail}`,
    identity: path,
  });
}
