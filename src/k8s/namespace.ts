/**
 * Where a namespaced object lives, and the objects Kubernetes itself creates there: what every
 * by-name look-up and every namespace comparison of the graph agrees on.
 */
import type { Resource } from "../manifests/resource.js";

export const DEFAULT_NAMESPACE = "default";

/**
 * Objects without a namespace land in the one kubectl applies them to, `default` unless told otherwise;
 * Kustomize treats a missing namespace as `default` too. Everywhere in Plumbline they share it.
 */
export function namespaceOf(resource: Resource): string {
  return resource.namespace ?? DEFAULT_NAMESPACE;
}

/** Namespaces every cluster has from the start. */
export const BUILT_IN_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** An object the control plane creates on its own, so a reference to it is never dangling. */
export interface SystemObject {
  readonly kind: string;
  readonly name: string;
  /** the one namespace it lives in; undefined when the control plane puts it in every namespace */
  readonly namespace?: string;
  /** the keys it always holds, when it is a ConfigMap or Secret whose keys are fixed */
  readonly keys?: readonly string[];
}

/**
 * Objects Kubernetes itself keeps in every namespace, or in every cluster. There is no such Secret: token
 * Secrets for ServiceAccounts have random names, and since 1.24 they are not created at all.
 */
export const SYSTEM_OBJECTS: readonly SystemObject[] = [
  // the root CA bundle, published by kube-controller-manager's root-ca-cert-publisher (GA in 1.21)
  { kind: "ConfigMap", name: "kube-root-ca.crt", keys: ["ca.crt"] },
  // created by the serviceaccount controller as soon as the namespace exists; pods use it by default
  { kind: "ServiceAccount", name: "default" },
  // the API server's own Service
  { kind: "Service", name: "kubernetes", namespace: DEFAULT_NAMESPACE },
  // written by kube-apiserver for aggregated API servers and webhooks that authenticate its requests
  { kind: "ConfigMap", name: "extension-apiserver-authentication", namespace: "kube-system" },
];

/** The system object with this kind and name in the namespace, if Kubernetes creates one. */
export function systemObject(kind: string, namespace: string, name: string): SystemObject | undefined {
  return SYSTEM_OBJECTS.find(
    (object) =>
      object.kind === kind && object.name === name && (object.namespace === undefined || object.namespace === namespace),
  );
}
