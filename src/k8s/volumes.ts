/** PersistentVolumeClaims a pod uses by name, and how many nodes or pods their volumes allow. */
import { joinPointer } from "../manifests/pointer.js";
import type { Resource } from "../manifests/resource.js";
import { podSpec, podSpecPath } from "./workload.js";

export interface ClaimVolume {
  readonly volume: string;
  readonly claimName: string;
  /** pointer of `persistentVolumeClaim.claimName` in the resource */
  readonly path: string;
}

/**
 * Pod volumes that name an existing claim. Every pod of the workload mounts the same claim; generic
 * ephemeral volumes and a StatefulSet's volumeClaimTemplates give each pod its own and are not listed.
 */
export function claimVolumes(resource: Resource): ClaimVolume[] {
  const volumes = podSpec(resource)?.volumes;
  const specPath = podSpecPath(resource);
  if (!Array.isArray(volumes) || specPath === undefined) return [];
  return volumes.flatMap((volume, index) => {
    const claim = (volume as { persistentVolumeClaim?: { claimName?: unknown } } | null)?.persistentVolumeClaim;
    if (typeof claim?.claimName !== "string" || claim.claimName === "") return [];
    return [
      {
        volume: String((volume as { name?: unknown }).name ?? index),
        claimName: claim.claimName,
        path: joinPointer(specPath, "volumes", index, "persistentVolumeClaim", "claimName"),
      },
    ];
  });
}

export type SingleUserMode = "ReadWriteOnce" | "ReadWriteOncePod";

/**
 * The claim's most restrictive single-user access mode. The bound volume supports every mode the claim
 * asks for, and a volume with ReadWriteOnce among its modes is never attached to two nodes at once
 * (even when ReadWriteMany is listed too); ReadWriteOncePod admits one pod in the whole cluster.
 */
export function singleUserMode(claim: Resource): SingleUserMode | undefined {
  const modes = (claim.object.spec as { accessModes?: unknown } | undefined)?.accessModes;
  if (!Array.isArray(modes)) return undefined;
  if (modes.includes("ReadWriteOncePod")) return "ReadWriteOncePod";
  return modes.includes("ReadWriteOnce") ? "ReadWriteOnce" : undefined;
}

const HOSTNAME = "kubernetes.io/hostname";

/**
 * Whether every pod of the workload must land on the same node: `nodeName`, a hostname nodeSelector, a
 * required node affinity to a single hostname, or a required pod affinity to its own kind on the same
 * hostname. Such pods can share a ReadWriteOnce volume, which is attached per node, not per pod.
 */
export function pinnedToOneNode(resource: Resource, podLabels: Readonly<Record<string, string>>): boolean {
  const spec = podSpec(resource);
  if (!spec) return false;
  if (typeof spec.nodeName === "string" && spec.nodeName !== "") return true;
  const selector = spec.nodeSelector as Record<string, unknown> | undefined;
  if (selector && typeof selector === "object" && typeof selector[HOSTNAME] === "string") return true;
  const affinity = (spec.affinity ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const nodeTerms = (affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: unknown })
    ?.nodeSelectorTerms;
  if (Array.isArray(nodeTerms) && nodeTerms.length > 0 && nodeTerms.every(singleHostnameTerm)) return true;
  const podTerms = affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return Array.isArray(podTerms) && podTerms.some((term) => sameHostAsItself(term, podLabels));
}

function singleHostnameTerm(term: unknown): boolean {
  const expressions = (term as { matchExpressions?: unknown } | null)?.matchExpressions;
  if (!Array.isArray(expressions)) return false;
  return expressions.some(
    (e) => e?.key === HOSTNAME && e?.operator === "In" && Array.isArray(e.values) && (e.values as unknown[]).length === 1,
  );
}

function sameHostAsItself(term: unknown, podLabels: Readonly<Record<string, string>>): boolean {
  const t = term as { topologyKey?: unknown; labelSelector?: { matchLabels?: Record<string, unknown> } } | null;
  if (t?.topologyKey !== HOSTNAME) return false;
  const wanted = t.labelSelector?.matchLabels;
  if (!wanted || typeof wanted !== "object" || Object.keys(wanted).length === 0) return false;
  return Object.entries(wanted).every(([key, value]) => podLabels[key] === String(value));
}
