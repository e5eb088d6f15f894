/**
 * What neither Git nor a person decides: fields the API server fills in, `status`, and the marks
 * that tools leave on objects they apply. Both sides lose them before they are compared.
 */

import { withoutHelmBookkeeping } from "../helm/drift-bookkeeping.js";
import type { KubeObject } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";

export const SERVER_METADATA: ReadonlySet<string> = new Set([
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
]);

/** Annotations written by kubectl, controllers and GitOps tools, never by the manifest's author. */
export const TOOL_ANNOTATIONS: ReadonlySet<string> = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "kubectl.kubernetes.io/restartedAt",
  "kubernetes.io/change-cause",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.daemonset.template.generation",
  "endpoints.kubernetes.io/last-change-trigger-time",
  "argocd.argoproj.io/tracking-id",
  "argocd.argoproj.io/installation-id",
  "kustomize.toolkit.fluxcd.io/checksum",
  "reconcile.fluxcd.io/requestedAt",
  "pv.kubernetes.io/bind-completed",
  "pv.kubernetes.io/bound-by-controller",
  "pv.kubernetes.io/provisioned-by",
  "volume.kubernetes.io/storage-provisioner",
  "volume.beta.kubernetes.io/storage-provisioner",
  "volume.kubernetes.io/selected-node",
]);

/** Tracking labels of Argo CD and Flux (Argo CD's default `app.kubernetes.io/instance` is also a common user label: kept). */
export const TOOL_LABELS: ReadonlySet<string> = new Set([
  // set by the API server on every Namespace
  "kubernetes.io/metadata.name",
  "argocd.argoproj.io/instance",
  "kustomize.toolkit.fluxcd.io/name",
  "kustomize.toolkit.fluxcd.io/namespace",
  "helm.toolkit.fluxcd.io/name",
  "helm.toolkit.fluxcd.io/namespace",
]);

/** Where pod and claim templates keep a metadata block of their own (kubectl writes `creationTimestamp: null` there). */
const TEMPLATE_METADATA = [
  ["spec", "template", "metadata"],
  ["spec", "jobTemplate", "metadata"],
  ["spec", "jobTemplate", "spec", "template", "metadata"],
] as const;

/**
 * A copy without server fields, status and tool marks. Only the maps on the way to what is removed
 * are copied, so stripping ten thousand objects costs little and the input is never changed.
 */
export function stripServerFields(object: KubeObject): KubeObject {
  const { status: _status, ...result } = object;
  if (isRecord(object.metadata)) result.metadata = stripMetadata(object.metadata);
  let stripped: KubeObject = result;
  for (const path of TEMPLATE_METADATA)
    stripped = updateIn(stripped, path, (metadata) => (isRecord(metadata) ? stripMetadata(metadata) : metadata));
  return updateIn(stripped, ["spec", "volumeClaimTemplates"], (claims) =>
    Array.isArray(claims) ? claims.map((claim: unknown) => (isRecord(claim) ? stripServerFields(claim) : claim)) : claims,
  );
}

/** `object` with the value at `path` replaced by `update(value)`, copying only the maps on the way. */
function updateIn(object: KubeObject, path: readonly string[], update: (value: unknown) => unknown): KubeObject {
  const [head, ...rest] = path;
  if (head === undefined || !(head in object)) return object;
  const child = object[head];
  if (rest.length === 0) return { ...object, [head]: update(child) };
  if (!isRecord(child)) return object;
  const updated = updateIn(child, rest, update);
  return updated === child ? object : { ...object, [head]: updated };
}

function stripMetadata(metadata: KubeObject): KubeObject {
  const result: KubeObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (SERVER_METADATA.has(key)) continue;
    if (key === "annotations" && isRecord(value)) result[key] = withoutHelmBookkeeping(key, withoutKeys(value, TOOL_ANNOTATIONS));
    else if (key === "labels" && isRecord(value)) result[key] = withoutHelmBookkeeping(key, withoutKeys(value, TOOL_LABELS));
    else result[key] = value;
  }
  return result;
}

function withoutKeys(map: KubeObject, remove: ReadonlySet<string>): KubeObject {
  let changed = false;
  for (const key of Object.keys(map)) if (remove.has(key)) changed = true;
  if (!changed) return map;
  const result: KubeObject = {};
  for (const [key, value] of Object.entries(map)) if (!remove.has(key)) result[key] = value;
  return result;
}
