/** `spec.replicas` of the workload kinds that run several copies of one pod. */
import type { Resource } from "../manifests/resource.js";

/**
 * Kinds whose controller keeps `spec.replicas` identical pods running and exposes a scale subresource:
 * what an HPA can scale and what a PodDisruptionBudget's percentages are counted against.
 */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set([
  "Deployment",
  "StatefulSet",
  "ReplicaSet",
  "ReplicationController",
  "DeploymentConfig",
]);

/** A replica count as the API server accepts it: a whole number, not negative. */
function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * A count field that is written but is no count (`"3"`, `-1`, `2.5`). The API server rejects the object,
 * and schema-invalid says why; a rule reading the count from it could only guess, so it says nothing.
 * `null` (a key with nothing after it) is not set at all.
 */
export function isUnreadableCount(value: unknown): boolean {
  return value !== undefined && value !== null && !isCount(value);
}

function replicasField(resource: Resource): unknown {
  return (resource.object.spec as { replicas?: unknown } | undefined)?.replicas;
}

/** `spec.replicas` as written: undefined when absent (the API server then sets 1) or not a count. */
export function declaredReplicas(resource: Resource): number | undefined {
  const replicas = replicasField(resource);
  return isCount(replicas) ? replicas : undefined;
}

/** Whether `spec.replicas` is written as something other than a count: see isUnreadableCount. */
export function hasUnreadableReplicas(resource: Resource): boolean {
  return isUnreadableCount(replicasField(resource));
}

/**
 * The replica count the controller works with when no autoscaler owns it: spec.replicas, or 1 when it is
 * absent. Undefined when it is unreadable.
 */
export function effectiveReplicas(resource: Resource): number | undefined {
  return hasUnreadableReplicas(resource) ? undefined : (declaredReplicas(resource) ?? 1);
}
