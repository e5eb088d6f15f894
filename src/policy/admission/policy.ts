import { isRecord, type KubeObject, type Resource } from "../../manifests/resource.js";
import type { NamedExpression, Validation } from "../evaluate.js";

export const POLICY_KIND = "ValidatingAdmissionPolicy";
export const BINDING_KIND = "ValidatingAdmissionPolicyBinding";
const GROUP = "admissionregistration.k8s.io/";

export type ValidationAction = "Deny" | "Warn" | "Audit";

/** A ValidatingAdmissionPolicy as found among the manifests. */
export interface AdmissionPolicy {
  readonly name: string;
  readonly resource: Resource;
  readonly failurePolicy: "Fail" | "Ignore";
  readonly matchConstraints: KubeObject | undefined;
  readonly matchConditions: readonly NamedExpression[];
  readonly paramKind: { readonly apiVersion: string; readonly kind: string } | undefined;
  readonly variables: readonly NamedExpression[];
  /** each with its index, for the pointer to it in the policy */
  readonly validations: readonly (Validation & { readonly index: number; readonly reason?: string })[];
}

export interface AdmissionBinding {
  readonly name: string;
  readonly resource: Resource;
  readonly policyName: string;
  readonly actions: readonly ValidationAction[];
  readonly matchResources: KubeObject | undefined;
  readonly paramRef: ParamRef | undefined;
}

export interface ParamRef {
  readonly name?: string;
  readonly namespace?: string;
  readonly selector?: unknown;
  readonly parameterNotFoundAction: "Allow" | "Deny";
}

export function isAdmissionObject(resource: Resource): boolean {
  return resource.apiVersion.startsWith(GROUP) && (resource.kind === POLICY_KIND || resource.kind === BINDING_KIND);
}

export function readPolicy(resource: Resource): AdmissionPolicy {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const paramKind = isRecord(spec.paramKind) ? spec.paramKind : undefined;
  return {
    name: resource.name,
    resource,
    failurePolicy: spec.failurePolicy === "Ignore" ? "Ignore" : "Fail",
    matchConstraints: isRecord(spec.matchConstraints) ? spec.matchConstraints : undefined,
    matchConditions: namedExpressions(spec.matchConditions),
    paramKind:
      paramKind && typeof paramKind.kind === "string"
        ? { apiVersion: typeof paramKind.apiVersion === "string" ? paramKind.apiVersion : "", kind: paramKind.kind }
        : undefined,
    variables: namedExpressions(spec.variables),
    validations: list(spec.validations).flatMap((entry, index) =>
      isRecord(entry) && typeof entry.expression === "string"
        ? [
            {
              index,
              expression: entry.expression,
              ...(typeof entry.message === "string" ? { message: entry.message } : {}),
              ...(typeof entry.messageExpression === "string" ? { messageExpression: entry.messageExpression } : {}),
              ...(typeof entry.reason === "string" ? { reason: entry.reason } : {}),
            },
          ]
        : [],
    ),
  };
}

export function readBinding(resource: Resource): AdmissionBinding | undefined {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  if (typeof spec.policyName !== "string") return undefined;
  const actions = list(spec.validationActions).filter(
    (a): a is ValidationAction => a === "Deny" || a === "Warn" || a === "Audit",
  );
  const ref = isRecord(spec.paramRef) ? spec.paramRef : undefined;
  return {
    name: resource.name,
    resource,
    policyName: spec.policyName,
    actions,
    matchResources: isRecord(spec.matchResources) ? spec.matchResources : undefined,
    paramRef: ref
      ? {
          ...(typeof ref.name === "string" ? { name: ref.name } : {}),
          ...(typeof ref.namespace === "string" ? { namespace: ref.namespace } : {}),
          ...(ref.selector !== undefined ? { selector: ref.selector } : {}),
          parameterNotFoundAction: ref.parameterNotFoundAction === "Allow" ? "Allow" : "Deny",
        }
      : undefined,
  };
}

function namedExpressions(value: unknown): NamedExpression[] {
  return list(value).flatMap((entry) =>
    isRecord(entry) && typeof entry.name === "string" && typeof entry.expression === "string"
      ? [{ name: entry.name, expression: entry.expression }]
      : [],
  );
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
