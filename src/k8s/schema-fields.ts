/**
 * What the compiled kubernetes-models validators do not say about field names, so that a real field
 * is never reported as unknown.
 */

/** The Kubernetes version whose OpenAPI schemas kubernetes-models 4.5 compiled (it knows `stopSignal`, 1.33). */
export const SCHEMA_KUBERNETES_VERSION = "1.33";

/**
 * A field Kubernetes added after the compiled schemas, and one field every object of the same type
 * has in them: the type is recognised by that sibling, so the name is accepted only where it belongs.
 */
export interface NewerField {
  readonly type: string;
  readonly field: string;
  /** a field the compiled schema of `type` declares, which identifies it */
  readonly alongside: string;
}

/**
 * Spec fields of the Kubernetes 1.36 API (the OpenAPI @kubernetes/client-node 2.0 is generated from)
 * missing from the compiled 1.33 schemas; test/k8s/schema.test.ts checks each against both.
 */
export const NEWER_FIELDS: readonly NewerField[] = [
  { type: "PodSpec", field: "hostnameOverride", alongside: "dnsPolicy" },
  { type: "PodSpec", field: "schedulingGroup", alongside: "dnsPolicy" },
  { type: "Container", field: "restartPolicyRules", alongside: "terminationMessagePolicy" },
  { type: "EphemeralContainer", field: "restartPolicyRules", alongside: "targetContainerName" },
  { type: "EnvVarSource", field: "fileKeyRef", alongside: "configMapKeyRef" },
  { type: "VolumeProjection", field: "podCertificate", alongside: "serviceAccountToken" },
  { type: "CSIDriverSpec", field: "preventPodSchedulingIfMissing", alongside: "attachRequired" },
  { type: "CSIDriverSpec", field: "serviceAccountTokenInSecrets", alongside: "attachRequired" },
];

/**
 * kubernetes-models' generator drops every property named `description` (PriorityClass, CRD column
 * and schema descriptions) and the `x-kubernetes-*` extensions of CRD schemas, mistaking them for
 * annotations of the schema itself: its validators never look at them, yet they are real fields.
 */
function droppedByGenerator(field: string): boolean {
  return field === "description" || field.startsWith("x-kubernetes-");
}

/** Whether a field the compiled schema of an object does not declare is a real field all the same. */
export function isFieldKnownAnyway(field: string, declared: ReadonlySet<string>): boolean {
  if (droppedByGenerator(field)) return true;
  return NEWER_FIELDS.some((newer) => newer.field === field && declared.has(newer.alongside));
}
