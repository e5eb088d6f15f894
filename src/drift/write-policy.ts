/**
 * Fields the write-back never touches, whatever the cluster says: values the API server allocates,
 * fields that cannot change after creation, and Secret values.
 */

import { isUnder } from "./ignore.js";

/** Allocated by the API server (or a controller) when Git leaves them out. */
const ALLOCATED: Readonly<Record<string, readonly string[]>> = {
  Service: ["/spec/clusterIP", "/spec/clusterIPs", "/spec/healthCheckNodePort", "/spec/ipFamilies", "/spec/ipFamilyPolicy"],
  PersistentVolumeClaim: ["/spec/volumeName", "/spec/storageClassName"],
  PersistentVolume: ["/spec/claimRef"],
  Job: ["/spec/selector", "/spec/template/metadata/labels"],
};

/** Immutable after creation: a difference there means the object was recreated, not edited. */
const IMMUTABLE: Readonly<Record<string, readonly string[]>> = {
  Deployment: ["/spec/selector"],
  ReplicaSet: ["/spec/selector"],
  DaemonSet: ["/spec/selector"],
  StatefulSet: ["/spec/selector", "/spec/volumeClaimTemplates", "/spec/serviceName", "/spec/podManagementPolicy"],
  Job: ["/spec/template", "/spec/completionMode"],
};

/** Why the change at `pointer` (into the Git object) must not be written to Git, or undefined. */
export function noWriteReason(kind: string, pointer: string): string | undefined {
  if (kind === "Secret" && (isUnder(pointer, "/data") || isUnder(pointer, "/stringData"))) {
    return "Secret values are never written to Git";
  }
  if (/^\/spec\/ports\/[^/]+\/nodePort$/.test(pointer) && kind === "Service") return "allocated by the API server";
  if (ALLOCATED[kind]?.some((prefix) => isUnder(pointer, prefix))) return "allocated by the API server";
  if (IMMUTABLE[kind]?.some((prefix) => isUnder(pointer, prefix))) return "immutable: the object was recreated";
  if (isUnder(pointer, "/status") || isUnder(pointer, "/metadata/name") || isUnder(pointer, "/metadata/namespace")) {
    return "set by the API server";
  }
  return undefined;
}
