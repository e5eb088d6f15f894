/**
 * Which autoscalers own a workload's replica count, and the range of pods that leaves it running. Reads
 * the graph only: the HPAs and KEDA ScaledObjects of the workload's namespace in the same scope, or, for
 * plain files, anywhere among the run's plain files (a scaleTargetRef is a by-name link: docs/scopes.md).
 */
import { hasUnreadableBounds, isReplicaScaler, replicaBoundsOf, scaleTargetOf } from "../k8s/autoscaling.js";
import { namespaceOf } from "../k8s/namespace.js";
import { effectiveReplicas } from "../k8s/replicas.js";
import type { Resource } from "../manifests/resource.js";
import type { ResourceGraph } from "./graph.js";

/**
 * HorizontalPodAutoscalers and ScaledObjects whose scaleTargetRef names the resource (kind and name), in
 * its namespace; an object without a namespace is in `default`, as everywhere in the graph.
 */
export function scalersOf(graph: ResourceGraph, resource: Resource): Resource[] {
  const own = scalersIn(graph, resource);
  return own.length === 0 && graph.wider ? scalersIn(graph.wider, resource) : own;
}

function scalersIn(graph: ResourceGraph, resource: Resource): Resource[] {
  const namespace = namespaceOf(resource);
  return [...graph.ofKind("HorizontalPodAutoscaler", namespace), ...graph.ofKind("ScaledObject", namespace)].filter((scaler) => {
    if (!isReplicaScaler(scaler)) return false;
    const target = scaleTargetOf(scaler);
    return target?.kind === resource.kind && target.name === resource.name;
  });
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
 * Undefined when spec.replicas, or a bound of one of its scalers, is written but is no count: the API
 * server rejects such an object, and schema-invalid reports it.
 */
export function replicaRange(graph: ResourceGraph, resource: Resource): ReplicaRange | undefined {
  const replicas = effectiveReplicas(resource);
  if (replicas === undefined) return undefined;
  const scalers = scalersOf(graph, resource);
  if (scalers.length === 0) return { min: replicas, max: replicas, scalers };
  if (scalers.some(hasUnreadableBounds)) return undefined;
  const bounds = scalers.map(replicaBoundsOf);
  const min = Math.min(...bounds.map((b) => b.min));
  const max = Math.max(...bounds.map((b) => Math.max(b.max ?? b.min, b.min)));
  return { min, max, scalers };
}
