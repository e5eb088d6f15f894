/**
 * Which kinds live outside namespaces. The API server ignores `metadata.namespace` on them, so a
 * namespace written there needs no Namespace object.
 */

/** Built-in cluster-scoped kinds, plus those of widespread add-ons (cert-manager, Kyverno, Gatekeeper, Istio…). */
const CLUSTER_SCOPED = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterRoleBinding",
  "ComponentStatus",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "IPAddress",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PodSecurityPolicy",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "SelfSubjectAccessReview",
  "SelfSubjectReview",
  "SelfSubjectRulesReview",
  "ServiceCIDR",
  "StorageClass",
  "StorageVersionMigration",
  "SubjectAccessReview",
  "TokenReview",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
  "VolumeAttributesClass",
  "DeviceClass",
  "ResourceSlice",
  // add-ons
  "ClusterIssuer",
  "ClusterPolicy",
  "ClusterSecretStore",
  "ClusterExternalSecret",
  "ConstraintTemplate",
  "GatewayClass",
  "ClusterPolicyReport",
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
