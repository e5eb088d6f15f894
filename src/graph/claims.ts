/** The ReadWriteOnce claims a workload's pods share, resolved through the graph. */
import { type ClaimVolume, claimVolumes, type SingleUserMode, singleUserMode } from "../k8s/volumes.js";
import type { Resource } from "../manifests/resource.js";
import type { ResourceGraph } from "./graph.js";
import { namespaceOf } from "./workloads.js";

export interface SharedClaim extends ClaimVolume {
  readonly mode: SingleUserMode;
}

/**
 * Claims named by the pod template that these manifests define with a single-user access mode. A claim
 * not found here (created elsewhere, or by the storage team) says nothing about its modes: left out.
 */
export function singleUserClaims(graph: ResourceGraph, resource: Resource): SharedClaim[] {
  const namespace = namespaceOf(resource);
  return claimVolumes(resource).flatMap((volume) => {
    const found = graph.lookup("PersistentVolumeClaim", namespace, volume.claimName);
    if (found.status !== "found") return [];
    const mode = found.resources.map(singleUserMode).find((m) => m !== undefined);
    return mode ? [{ ...volume, mode }] : [];
  });
}
