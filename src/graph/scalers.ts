/**
 * Which autoscalers own a workload's replica count, and the range of pods that leaves it running. Reads
 * the graph only: the HPAs and KEDA ScaledObjects of the workload's namespace in the same scope.
 */
import { isReplicaScaler, replicaBoundsOf, scaleTargetOf } from "../k8s/autoscaling.js";
import { effectiveReplicas } from "../k8s/replicas.js";
import type { Resource } from "../manifests/resource.js";
import type { ResourceGraph } from "./graph.js";
import { namespaceOf } from "./workloads.js";

/**
 * HorizontalPodAutoscalers and ScaledObjects whose scaleTargetRef names the resource (kind and name), in
 * its namespace. One side that leaves its namespace out is applied with `-n` like the other and counts
 * as the same: an autoscaler is never missed for it, which would only produce false alarms.
 */
export function scalersOf(graph: ResourceGraph, resource: Resource): Resource[] {
  return [...graph.ofKind("HorizontalPodAutoscaler"), ...graph.ofKind("ScaledObject")].filter((scaler) => {
    if (!isReplicaScaler(scaler) || !sameNamespace(scaler, resource)) return false;
    const target = scaleTargetOf(scaler);
    return target?.kind === resource.kind && target.name === resource.name;
  });
}

/** Same namespace, or one of the two does not say. */
export function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || namespaceOf(a) === namespaceOf(b);
}

export interface ReplicaRange {
  /** the fewest pods it runs: the scalers' minimum, or spec.replicas (1 when absent) */
  readonly min: number;
  /** the most pods it runs: the scalers' maximum, or spec.replicas */
  readonly max: number;
  /** the autoscalers that own the count; empty when spec.replicas does */
  readonly scalers: readonly Resource[];
}

/**
 * The pods a replicated workload runs. Without an autoscaler that is spec.replicas, exactly; with one it
 * moves between the scaler's bounds and spec.replicas only matters until the scaler first acts.
 */
export function replicaRange(graph: ResourceGraph, resource: Resource): ReplicaRange {
  const scalers = scalersOf(graph, resource);
  if (scalers.length === 0) {
    const replicas = effectiveReplicas(resource);
    return { min: replicas, max: replicas, scalers };
  }
  const bounds = scalers.map(replicaBoundsOf);
  const min = Math.min(...bounds.map((b) => b.min));
  const max = Math.max(...bounds.map((b) => Math.max(b.max ?? b.min, b.min)));
  return { min, max, scalers };
}
