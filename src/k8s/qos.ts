/** The pod's quality-of-service class, as the kubelet computes it from requests and limits. */
import type { Resource } from "../manifests/resource.js";
import { compareQuantities, isZero, parseQuantity, type Quantity } from "./quantity.js";
import { containerResource, podResource, type ResourceName } from "./resources.js";
import { containersOf } from "./workload.js";

const NAMES: readonly ResourceName[] = ["cpu", "memory"];

/**
 * Guaranteed: every container, init containers included, limits both CPU and memory, and each request
 * equals its limit (a request left out is set to the limit). Pod-level `spec.resources` (1.32+), when
 * set, decides for the whole pod instead. Guaranteed pods are the last to be evicted and the only ones
 * the static CPU manager gives whole cores.
 */
export function isGuaranteed(resource: Resource): boolean {
  if (hasPodLevelResources(resource)) {
    return NAMES.every((name) => pairGuaranteed(podResource(resource, "requests", name), podResource(resource, "limits", name)));
  }
  const containers = containersOf(resource, ["container", "init"]);
  return (
    containers.length > 0 &&
    containers.every((ref) =>
      NAMES.every((name) => pairGuaranteed(containerResource(ref, "requests", name), containerResource(ref, "limits", name))),
    )
  );
}

function pairGuaranteed(requestText: unknown, limitText: unknown): boolean {
  const limit = nonZero(limitText);
  if (!limit) return false;
  if (requestText === undefined) return true;
  const request = nonZero(requestText);
  return request !== undefined && compareQuantities(request, limit) === 0;
}

/** The kubelet ignores zero quantities when it classifies a pod. */
function nonZero(text: unknown): Quantity | undefined {
  const quantity = parseQuantity(text);
  return quantity && !isZero(quantity) ? quantity : undefined;
}

function hasPodLevelResources(resource: Resource): boolean {
  return NAMES.some(
    (name) => podResource(resource, "requests", name) !== undefined || podResource(resource, "limits", name) !== undefined,
  );
}
