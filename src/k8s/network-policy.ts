/** How NetworkPolicies isolate the pods they select. */
import type { Resource } from "../manifests/resource.js";

export type TrafficDirection = "Ingress" | "Egress";

/**
 * The directions a NetworkPolicy isolates its pods in: its `policyTypes`, or, when it leaves them out,
 * what the API server defaults them to (Ingress always, Egress when the policy has egress rules). A
 * policy type without rules still isolates: it is the "deny all" policy.
 */
export function isolatedDirections(policy: Resource): Set<TrafficDirection> {
  const spec = policy.object.spec;
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) return new Set(["Ingress"]);
  const { policyTypes, egress } = spec as { policyTypes?: unknown; egress?: unknown };
  if (Array.isArray(policyTypes) && policyTypes.length > 0) {
    return new Set(policyTypes.filter((type): type is TrafficDirection => type === "Ingress" || type === "Egress"));
  }
  return new Set(Array.isArray(egress) && egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"]);
}

/** Whether the pod spec runs in the node's network namespace, where NetworkPolicies do not apply. */
export function usesHostNetwork(podSpec: Readonly<Record<string, unknown>>): boolean {
  return podSpec.hostNetwork === true;
}
