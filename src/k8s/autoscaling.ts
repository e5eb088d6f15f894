/**
 * Objects that own a workload's replica count: HorizontalPodAutoscalers, and KEDA ScaledObjects (KEDA
 * creates and drives an HPA for each). While one targets a workload, its `spec.replicas` is the
 * scaler's to set.
 */
import { apiGroup, type Resource } from "../manifests/resource.js";
import { isUnreadableCount } from "./replicas.js";

export interface ScaleTarget {
  readonly kind: string;
  readonly name: string;
}

/** Whether the resource scales another one: an HPA of any autoscaling version, or a KEDA ScaledObject. */
export function isReplicaScaler(resource: Resource): boolean {
  return isHpa(resource) || isScaledObject(resource);
}

export function isHpa(resource: Resource): boolean {
  return resource.kind === "HorizontalPodAutoscaler" && apiGroup(resource.apiVersion) === "autoscaling";
}

function isScaledObject(resource: Resource): boolean {
  return resource.kind === "ScaledObject" && apiGroup(resource.apiVersion) === "keda.sh";
}

/** What `scaleTargetRef` names; KEDA defaults the kind to Deployment, an HPA requires it. */
export function scaleTargetOf(resource: Resource): ScaleTarget | undefined {
  const target = specOf(resource).scaleTargetRef as { kind?: unknown; name?: unknown } | undefined;
  if (!target || typeof target !== "object" || typeof target.name !== "string" || target.name === "") return undefined;
  if (typeof target.kind === "string" && target.kind !== "") return { kind: target.kind, name: target.name };
  return isScaledObject(resource) ? { kind: "Deployment", name: target.name } : undefined;
}

export interface ReplicaBounds {
  readonly min: number;
  /** undefined when the manifest leaves out a required maximum (the API server rejects the HPA) */
  readonly max: number | undefined;
}

/**
 * The replica range a scaler keeps its target in, with the API server's and KEDA's defaults filled in:
 * an HPA's minReplicas defaults to 1; a ScaledObject's minReplicaCount to 0 and maxReplicaCount to 100.
 */
export function replicaBoundsOf(resource: Resource): ReplicaBounds {
  const spec = specOf(resource);
  if (isScaledObject(resource)) {
    return { min: count(spec.minReplicaCount) ?? 0, max: count(spec.maxReplicaCount) ?? 100 };
  }
  return { min: count(spec.minReplicas) ?? 1, max: count(spec.maxReplicas) };
}

/**
 * Whether a bound is written as something other than a count (`minReplicas: "2"`): the API server
 * rejects the scaler, and schema-invalid says so, so the range it would keep cannot be read.
 */
export function hasUnreadableBounds(resource: Resource): boolean {
  const spec = specOf(resource);
  const fields = isScaledObject(resource) ? ["minReplicaCount", "maxReplicaCount"] : ["minReplicas", "maxReplicas"];
  return fields.some((field) => isUnreadableCount(spec[field]));
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function specOf(resource: Resource): Record<string, unknown> {
  const spec = resource.object.spec;
  return spec && typeof spec === "object" && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {};
}
