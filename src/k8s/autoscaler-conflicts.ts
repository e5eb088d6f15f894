/**
 * What each kind of autoscaler acts on, so that two acting on the same thing can be told apart from two
 * that share a target peacefully. HPAs and KEDA ScaledObjects set the replica count; a
 * VerticalPodAutoscaler in an updating mode sets the pods' CPU and memory requests, which an HPA scaling
 * on CPU or memory utilisation reads: each then undoes what the other does.
 */
import { apiGroup, isRecord, type Resource } from "../manifests/resource.js";
import { isHpa, isReplicaScaler, type ScaleTarget, scaleTargetOf } from "./autoscaling.js";

export type ComputeResource = "cpu" | "memory";

export function isVpa(resource: Resource): boolean {
  return resource.kind === "VerticalPodAutoscaler" && apiGroup(resource.apiVersion) === "autoscaling.k8s.io";
}

/** The workload an autoscaler targets: `scaleTargetRef` (HPA, KEDA) or `targetRef` (VPA). */
export function autoscalerTarget(resource: Resource): ScaleTarget | undefined {
  if (isReplicaScaler(resource)) return scaleTargetOf(resource);
  if (!isVpa(resource)) return undefined;
  const target = spec(resource).targetRef;
  if (!isRecord(target) || typeof target.kind !== "string" || typeof target.name !== "string" || target.name === "")
    return undefined;
  return { kind: target.kind, name: target.name };
}

/** VPA update modes that change running pods' requests; "Off" and "Initial" only recommend or set them at creation. */
const UPDATING_MODES = new Set(["Auto", "Recreate", "InPlaceOrRecreate"]);

/**
 * The resources a VPA changes on running pods: none unless its update mode updates them (the default,
 * "Auto", does); else cpu and memory without container policies, or the union of the
 * controlledResources (default cpu and memory) of the policies whose mode is not "Off". Containers no
 * policy names are left out: the manifests may list every container, and a guess would be a false alarm.
 */
export function vpaUpdatedResources(resource: Resource): Set<ComputeResource> {
  const updatePolicy = spec(resource).updatePolicy;
  const raw = isRecord(updatePolicy) ? updatePolicy.updateMode : undefined;
  // unquoted, Off is YAML 1.1's false, as kubectl reads it
  const mode = raw === false ? "Off" : typeof raw === "string" ? raw : "Auto";
  if (!UPDATING_MODES.has(mode)) return new Set();
  const policy = spec(resource).resourcePolicy;
  const containers = isRecord(policy) && Array.isArray(policy.containerPolicies) ? policy.containerPolicies.filter(isRecord) : [];
  if (containers.length === 0) return new Set(["cpu", "memory"]);
  const resources = new Set<ComputeResource>();
  for (const container of containers.filter((policy) => policy.mode !== "Off" && policy.mode !== false)) {
    const controlled = Array.isArray(container.controlledResources) ? container.controlledResources : ["cpu", "memory"];
    for (const name of controlled) if (name === "cpu" || name === "memory") resources.add(name);
  }
  return resources;
}

/**
 * The resources whose utilisation a replica scaler scales on: an HPA's Resource and ContainerResource
 * metrics (v2), its targetCPUUtilizationPercentage (v1), or CPU at 80 % when it lists no metric at all;
 * a ScaledObject's cpu and memory triggers.
 */
export function scaledOnResources(resource: Resource): Set<ComputeResource> {
  const found = new Set<ComputeResource>();
  const add = (name: unknown) => {
    if (name === "cpu" || name === "memory") found.add(name);
  };
  const s = spec(resource);
  if (isHpa(resource)) {
    if (s.targetCPUUtilizationPercentage !== undefined) found.add("cpu");
    const metrics = Array.isArray(s.metrics) ? s.metrics.filter(isRecord) : [];
    for (const metric of metrics) {
      for (const field of ["resource", "containerResource"]) {
        const source = metric[field];
        if (isRecord(source)) add(source.name);
      }
    }
    // autoscaling/v1 without a target, or v2 without metrics: the controller scales on CPU (80 %)
    if (metrics.length === 0 && s.targetCPUUtilizationPercentage === undefined) found.add("cpu");
    return found;
  }
  const triggers = Array.isArray(s.triggers) ? s.triggers.filter(isRecord) : [];
  for (const trigger of triggers) add(trigger.type);
  return found;
}

/**
 * Whether a ScaledObject takes over an existing HPA instead of fighting it: KEDA's documented
 * `scaledobject.keda.sh/transfer-hpa-ownership: "true"` with the HPA's name as the one it manages.
 */
export function adoptsHpa(scaledObject: Resource, hpa: Resource): boolean {
  const annotations = (scaledObject.object.metadata as { annotations?: unknown } | undefined)?.annotations;
  if (!isRecord(annotations) || String(annotations["scaledobject.keda.sh/transfer-hpa-ownership"]) !== "true") return false;
  const advanced = spec(scaledObject).advanced;
  const config = isRecord(advanced) ? advanced.horizontalPodAutoscalerConfig : undefined;
  return isRecord(config) && config.name === hpa.name;
}

function spec(resource: Resource): Record<string, unknown> {
  return isRecord(resource.object.spec) ? resource.object.spec : {};
}
