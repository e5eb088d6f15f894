/**
 * Which live objects Git does not declare count as extra: only in a namespace and kind that Git
 * manages, and never objects something else owns or the cluster creates for itself.
 */

import { systemObject } from "../k8s/namespace.js";
import { isRecord, type KubeObject } from "../manifests/resource.js";

/**
 * Objects every namespace (or the cluster) has without anyone declaring them: the control plane's own
 * (the list the graph uses too), Istio's CA bundle, token and Helm release Secrets, runtime records.
 */
function isSystemObject(kind: string, namespace: string, name: string, object: KubeObject): boolean {
  if (systemObject(kind, namespace, name)) return true;
  if (kind === "ConfigMap" && name === "istio-ca-root-cert") return true;
  if (kind === "Secret" && (object.type === "kubernetes.io/service-account-token" || object.type === "helm.sh/release.v1"))
    return true;
  // the endpoints controller mirrors every Service; events and leases are runtime records
  return ["Endpoints", "EndpointSlice", "Event", "Lease", "ControllerRevision"].includes(kind);
}

function annotationsOf(object: KubeObject): Record<string, unknown> {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return isRecord(metadata.annotations) ? metadata.annotations : {};
}

/**
 * Why a live object Git lacks is not reported as extra, or undefined when it is. Objects with an
 * owner are made by their owner (ReplicaSets, Pods, a SealedSecret's Secret); Helm's are rendered
 * from a chart; Argo CD's `IgnoreExtraneous` asks to leave them alone.
 */
export function notExtraReason(kind: string, namespace: string, name: string, object: KubeObject): string | undefined {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  if (Array.isArray(metadata.ownerReferences) && metadata.ownerReferences.length > 0) return "owned by another object";
  if (isSystemObject(kind, namespace, name, object)) return "created by the cluster";
  const annotations = annotationsOf(object);
  if (typeof annotations["meta.helm.sh/release-name"] === "string") return "installed by Helm";
  const compare = annotations["argocd.argoproj.io/compare-options"];
  if (typeof compare === "string" && compare.includes("IgnoreExtraneous")) return "Argo CD IgnoreExtraneous";
  return undefined;
}
