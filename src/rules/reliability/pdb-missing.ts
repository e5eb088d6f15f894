import { replicaRange } from "../../graph/scalers.js";
import { declaredReplicas } from "../../k8s/replicas.js";
import { kinds } from "../applies.js";
import type { Rule } from "../types.js";

export const pdbMissing: Rule = {
  id: "pdb-missing",
  title: "Replicated workload has no PodDisruptionBudget",
  severity: "warning",
  category: "reliability",
  why: "Without a PodDisruptionBudget, a node drain or a cluster upgrade may evict every replica at the same time, and running several replicas buys no availability during maintenance. A budget such as maxUnavailable: 1 makes voluntary disruptions wait for the replacement pods.",
  peers: {
    kubeScore: ["deployment-has-poddisruptionbudget", "statefulset-has-poddisruptionbudget"],
    polaris: ["missingPodDisruptionBudget"],
  },
  /**
   * Only workloads that can run two or more pods: for a single replica no budget helps (minAvailable: 1
   * blocks drains for good, maxUnavailable: 1 lets the pod go anyway); replicas-too-few covers it.
   */
  appliesTo: kinds("Deployment", "StatefulSet", "DeploymentConfig"),
  check: (resource, { graph }) => {
    const workload = graph.workloadOf(resource);
    if (!workload) return [];
    const range = replicaRange(graph, resource);
    // an unreadable spec.replicas is schema-invalid's to report
    if (!range || range.max < 2 || graph.selecting(workload, "PodDisruptionBudget").length > 0) return [];
    const runs = range.scalers.length > 0 ? `up to ${range.max} replicas, its autoscaler's maximum` : `${range.max} replicas`;
    return [
      {
        path: declaredReplicas(resource) === undefined ? "/spec" : "/spec/replicas",
        message: `no PodDisruptionBudget in these manifests selects its pods, so a node drain or cluster upgrade may evict all its pods at once (it runs ${runs}); add one with maxUnavailable: 1 and the pod template's labels as its selector`,
      },
    ];
  },
};
