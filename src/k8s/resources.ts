/** Container resource requests and limits as the scheduler and the kubelet read them. */
import { joinPointer } from "../manifests/pointer.js";
import type { Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import type { ContainerRef } from "./workload.js";
import { podSpec } from "./workload.js";

export type ResourceName = "cpu" | "memory";
export type ResourceBound = "requests" | "limits";

/** The raw value of `resources.<bound>.<name>` on a container; null and "" count as unset. */
export function containerResource(ref: ContainerRef, bound: ResourceBound, name: ResourceName): unknown {
  return setOrUndefined(entry(ref.container.resources, bound, name));
}

/**
 * Pod-level `spec.resources` (Kubernetes 1.32+) bounds the containers together, so a container that
 * leaves a resource unset is still covered when the pod sets it.
 */
export function podResource(resource: Resource, bound: ResourceBound, name: ResourceName): unknown {
  return setOrUndefined(entry(podSpec(resource)?.resources, bound, name));
}

/**
 * Whether the container ends up with a request for the resource: set directly, or implied because a
 * container that sets only a limit gets a request equal to it, or set for the whole pod.
 */
export function hasEffectiveRequest(resource: Resource, ref: ContainerRef, name: ResourceName): boolean {
  return (
    containerResource(ref, "requests", name) !== undefined ||
    containerResource(ref, "limits", name) !== undefined ||
    podResource(resource, "requests", name) !== undefined ||
    podResource(resource, "limits", name) !== undefined
  );
}

/** Pointer of `resources.<bound>.<name>`; the locator falls back to the deepest part that exists. */
export function resourcePath(ref: ContainerRef, bound: ResourceBound, name: ResourceName): string {
  return joinPointer(ref.path, "resources", bound, name);
}

function entry(resources: unknown, bound: ResourceBound, name: ResourceName): unknown {
  if (!isRecord(resources)) return undefined;
  const section = resources[bound];
  return isRecord(section) ? section[name] : undefined;
}

function setOrUndefined(value: unknown): unknown {
  return value === null || value === "" ? undefined : value;
}
