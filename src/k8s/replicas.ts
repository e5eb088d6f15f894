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

/** `spec.replicas` as written: undefined when absent (the API server then sets 1) or not a count. */
export function declaredReplicas(resource: Resource): number | undefined {
  const replicas = (resource.object.spec as { replicas?: unknown } | undefined)?.replicas;
  return typeof replicas === "number" && Number.isInteger(replicas) && replicas >= 0 ? replicas : undefined;
}

/** The replica count the controller works with when no autoscaler owns it. */
export function effectiveReplicas(resource: Resource): number {
  return declaredReplicas(resource) ?? 1;
}
