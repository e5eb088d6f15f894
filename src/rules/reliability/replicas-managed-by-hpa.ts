import { scalersOf } from "../../graph/scalers.js";
import { hasUnreadableReplicas, SCALABLE_KINDS } from "../../k8s/replicas.js";
import { valueAt } from "../../manifests/pointer.js";
import type { Rule } from "../types.js";

export const replicasManagedByHpa: Rule = {
  id: "replicas-managed-by-hpa",
  title: "Workload sets replicas while an autoscaler scales it",
  severity: "warning",
  category: "reliability",
  why: "The autoscaler owns spec.replicas of its target. A count in the manifest is applied again on every kubectl apply and every GitOps sync, which scales the workload back to that number (down in the middle of a peak, or up for nothing) until the autoscaler reacts. Remove the field from the manifest; on a live object applied client-side, remove it from the last-applied annotation first (kubectl apply edit-last-applied), or the next apply resets it to 1.",
  peers: { kubeScore: ["deployment-targeted-by-hpa-does-not-have-replicas-configured"] },
  appliesTo: (resource) => SCALABLE_KINDS.has(resource.kind),
  check: (resource, { graph }) => {
    const replicas = valueAt(resource.object, "/spec/replicas");
    // an unreadable count (replicas: "3") makes the API server reject the workload: schema-invalid's to report
    if (replicas === undefined || replicas === null || hasUnreadableReplicas(resource)) return [];
    const [scaler] = scalersOf(graph, resource);
    if (!scaler) return [];
    return [
      {
        path: "/spec/replicas",
        message: `sets replicas: ${String(replicas)} while ${scaler.kind} "${scaler.name}" scales it: every apply or GitOps sync resets the count to ${String(replicas)}; remove spec.replicas and let the autoscaler own it`,
        fix: [{ op: "remove", path: "/spec/replicas" }],
        // unsafe: a client-side apply of the fixed manifest resets a live object's count to 1 (see why)
        fixApplicability: "unsafe",
      },
    ];
  },
};
