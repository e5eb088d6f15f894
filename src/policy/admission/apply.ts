import { type CelInput, type CelValue, celMap } from "@bufbuild/cel";
import { toCelValue } from "../../cel/values.js";
import type { Finding, Severity } from "../../findings/finding.js";
import { isClusterScoped } from "../../k8s/scope.js";
import { apiGroup, type Resource } from "../../manifests/resource.js";
import type { CelObjects } from "../cel-objects.js";
import { bindVariables, judge, type Verdict } from "../evaluate.js";
import { policyFinding } from "../finding.js";
import { failingPath } from "../locate-failure.js";
import { labelsOf, matchesResources } from "./match.js";
import { paramsFor } from "./params.js";
import {
  type AdmissionBinding,
  type AdmissionPolicy,
  BINDING_KIND,
  isAdmissionObject,
  POLICY_KIND,
  readBinding,
  readPolicy,
  type ValidationAction,
} from "./policy.js";
import { policyProblems } from "./policy-problems.js";
import { resourceName } from "./resource-name.js";

export const ADMISSION_RULE = "admission-policy";

const SEVERITY: Record<ValidationAction, Severity> = { Deny: "error", Warn: "warning", Audit: "info" };

/**
 * Applies the ValidatingAdmissionPolicies and bindings found among the resources to the other
 * resources, as the API server would on their creation: one finding per failed validation, at the
 * field it is about, with the policy's message, severity from the binding's strongest action.
 */
export function runAdmissionPolicies(
  resources: readonly Resource[],
  objects: CelObjects,
  configured: readonly Resource[] = [],
): Finding[] {
  // by name, as in a cluster: a policy both configured and among the manifests is one policy
  const policies = new Map<string, AdmissionPolicy>();
  const bindingsByName = new Map<string, AdmissionBinding>();
  for (const resource of [...configured, ...resources]) {
    if (!isAdmissionObject(resource)) continue;
    if (resource.kind === POLICY_KIND) policies.set(resource.name, readPolicy(resource));
    if (resource.kind === BINDING_KIND) {
      const binding = readBinding(resource);
      if (binding) bindingsByName.set(binding.name, binding);
    }
  }
  const bindings = [...bindingsByName.values()];
  if (policies.size === 0) return [];
  const namespaces = new Map(resources.filter((r) => r.kind === "Namespace" && r.apiVersion === "v1").map((r) => [r.name, r]));
  const subjects = resources.filter((resource) => !isAdmissionObject(resource));
  const findings: Finding[] = [];
  const usable = new Map<string, ReturnType<typeof policyProblems>>();
  for (const policy of policies.values()) {
    const problems = policyProblems(policy);
    usable.set(policy.name, problems);
    findings.push(...problems.findings);
  }
  for (const binding of bindings) {
    const policy = policies.get(binding.policyName);
    const problems = usable.get(binding.policyName);
    if (!policy || !problems || problems.unusable || binding.actions.length === 0) continue;
    const severity = strongest(binding.actions);
    for (const subject of subjects) {
      const namespace = namespaceOf(subject);
      const namespaceResource = namespace === undefined ? undefined : namespaces.get(namespace);
      const namespaceLabels = namespaceResource ? labelsOf(namespaceResource.object) : undefined;
      if (!matchesResources(policy.matchConstraints ?? { resourceRules: [] }, subject, namespaceLabels)) continue;
      if (!matchesResources(binding.matchResources, subject, namespaceLabels)) continue;
      const say = (verdictMessage: string, path: string, identity: string) =>
        findings.push(
          policyFinding({
            rule: ADMISSION_RULE,
            severity,
            resource: subject,
            path,
            message: describe(policy, binding, severity, verdictMessage),
            identity: `${policy.name}\u0000${binding.name}\u0000${identity}`,
          }),
        );
      const params = paramsFor(policy, binding, subject, resources);
      if (params === "not-found") {
        if (binding.paramRef?.parameterNotFoundAction !== "Allow")
          say(`no params object for ${policy.paramKind?.kind} found among the manifests`, "", "params");
        continue;
      }
      const base: Record<string, CelInput> = {
        object: objects.of(subject),
        oldObject: null,
        request: requestOf(subject),
        namespaceObject: namespaceResource ? objects.of(namespaceResource) : null,
      };
      for (const param of params) {
        const withParams = { ...base, params: param ? objects.of(param) : null };
        const applies = conditionsHold(policy, withParams);
        if (applies === false) continue;
        if (typeof applies === "string") {
          if (policy.failurePolicy === "Fail") say(applies, "", "matchConditions");
          continue;
        }
        const { bindings: bound, errors } = bindVariables(policy.variables, withParams);
        for (const validation of policy.validations) {
          if (problems.skipped.has(validation.index)) continue;
          const verdict: Verdict = judge(validation, bound, errors);
          if (verdict.outcome === "pass" || verdict.outcome === "unsupported") continue;
          if (verdict.outcome === "error" && policy.failurePolicy === "Ignore") continue;
          const path =
            verdict.outcome === "fail" ? failingPath(validation.expression, objects.of(subject) as CelValue, bound) : "";
          say(verdict.message, path, `validation ${validation.index}`);
        }
      }
    }
  }
  return findings;
}

function strongest(actions: readonly ValidationAction[]): Severity {
  if (actions.includes("Deny")) return SEVERITY.Deny;
  if (actions.includes("Warn")) return SEVERITY.Warn;
  return SEVERITY.Audit;
}

/** In the words the API server uses for a denial or a warning, so a reviewer recognises it. */
function describe(policy: AdmissionPolicy, binding: AdmissionBinding, severity: Severity, message: string): string {
  const who = `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}'`;
  return severity === "error" ? `${who} denied request: ${message}` : `Validation failed for ${who}: ${message}`;
}

/** true when every match condition holds, false when one does not, a message when one cannot be evaluated. */
function conditionsHold(policy: AdmissionPolicy, bindings: Record<string, CelInput>): boolean | string {
  for (const condition of policy.matchConditions) {
    const verdict = judge({ expression: condition.expression }, bindings, new Map());
    if (verdict.outcome === "fail") return false;
    if (verdict.outcome !== "pass") return `match condition ${condition.name}: ${verdict.message}`;
  }
  return true;
}

function namespaceOf(resource: Resource): string | undefined {
  if (isClusterScoped(resource.kind)) return undefined;
  return resource.namespace ?? "default";
}

/** The admission request of a CREATE, as far as a file can tell it (no user: nobody has sent it yet). */
function requestOf(resource: Resource): CelInput {
  const group = apiGroup(resource.apiVersion);
  const version = resource.apiVersion.slice(resource.apiVersion.indexOf("/") + 1);
  const namespace = namespaceOf(resource);
  const request = toCelValue({
    kind: { group, version, kind: resource.kind },
    resource: { group, version, resource: resourceName(resource.kind) },
    requestKind: { group, version, kind: resource.kind },
    requestResource: { group, version, resource: resourceName(resource.kind) },
    name: resource.name,
    ...(namespace !== undefined ? { namespace } : {}),
    operation: "CREATE",
    userInfo: { username: "", groups: [] },
    dryRun: false,
    options: { apiVersion: "meta.k8s.io/v1", kind: "CreateOptions" },
  });
  return request ?? celMap(new Map());
}
