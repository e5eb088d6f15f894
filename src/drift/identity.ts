/** How a Git object and a live object are recognised as the same one. */

import { apiGroup } from "../manifests/resource.js";

/** Kinds that moved between API groups: a manifest may still use the old group for the same object. */
const GROUP_ALIASES: Readonly<Record<string, string>> = {
  "extensions/Deployment": "apps",
  "extensions/DaemonSet": "apps",
  "extensions/ReplicaSet": "apps",
  "extensions/Ingress": "networking.k8s.io",
  "extensions/NetworkPolicy": "networking.k8s.io",
  "extensions/PodSecurityPolicy": "policy",
};

/** Built-in kinds that have no namespace, for when discovery did not say. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "ClusterRole",
  "ClusterRoleBinding",
  "StorageClass",
  "CustomResourceDefinition",
  "PriorityClass",
  "IngressClass",
  "RuntimeClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "APIService",
  "PodSecurityPolicy",
  "ClusterIssuer",
]);

export function canonicalGroup(apiVersion: string, kind: string): string {
  const group = apiGroup(apiVersion);
  return GROUP_ALIASES[`${group}/${kind}`] ?? group;
}

export function groupKind(apiVersion: string, kind: string): string {
  return `${canonicalGroup(apiVersion, kind)}/${kind}`;
}

export function objectKey(apiVersion: string, kind: string, namespace: string, name: string): string {
  return `${groupKind(apiVersion, kind)}/${namespace}/${name}`;
}

/** Whether a kind is namespaced: discovery's answer when there is one, else the built-in list. */
export function isNamespaced(groupKindKey: string, kind: string, discovered: ReadonlyMap<string, boolean | undefined>): boolean {
  const known = discovered.get(groupKindKey);
  return known ?? !CLUSTER_SCOPED.has(kind);
}
