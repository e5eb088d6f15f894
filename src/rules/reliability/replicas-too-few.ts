import { singleUserClaims } from "../../graph/claims.js";
import { scalersOf } from "../../graph/scalers.js";
import { declaredReplicas, hasUnreadableReplicas } from "../../k8s/replicas.js";
import { kinds } from "../applies.js";
import type { Rule } from "../types.js";

export const replicasTooFew: Rule = {
  id: "replicas-too-few",
  title: "Long-running workload runs a single replica",
  severity: "warning",
  category: "reliability",
  why: "One replica is one pod: a node drain, a cluster upgrade, an eviction or a crash takes the service down until a replacement is scheduled and ready. Two replicas (with a PodDisruptionBudget) keep it serving through all of these.",
  peers: { kubeLinter: ["minimum-three-replicas"], kubeScore: ["deployment-replicas"], polaris: ["deploymentMissingReplicas"] },
  // DaemonSets run one pod per node and Jobs run to completion: replica counts are not theirs to raise
  appliesTo: kinds("Deployment", "StatefulSet", "DeploymentConfig"),
  check: (resource, { graph }) => {
    // replicas: "3" is no count: the API server rejects it, and schema-invalid says so
    if (hasUnreadableReplicas(resource)) return [];
    const declared = declaredReplicas(resource);
    // replicas: 0 is a workload switched off on purpose; an autoscaler owns the count when one targets it
    if (declared === 0 || (declared ?? 1) >= 2 || scalersOf(graph, resource).length > 0) return [];
    const count = declared === undefined ? "one replica (spec.replicas is not set, so 1)" : "one replica";
    const claims = resource.kind === "StatefulSet" ? [] : singleUserClaims(graph, resource);
    const more =
      claims.length > 0
        ? `; it mounts ReadWriteOnce claim "${claims[0]?.claimName}", so more replicas need a volume each (a StatefulSet with volumeClaimTemplates) or a ReadWriteMany claim`
        : "; run at least 2, or let a HorizontalPodAutoscaler with minReplicas: 2 manage it";
    return [
      {
        path: declared === undefined ? "/spec" : "/spec/replicas",
        message: `runs ${count}: a node drain, an eviction or a crash takes it down until a new pod is ready${more}`,
      },
    ];
  },
};
