import { podSelectorOf, type ResourceGraph } from "../../graph/graph.js";
import { replicaRange } from "../../graph/scalers.js";
import { namespaceOf } from "../../graph/workloads.js";
import { describeIntOrPercent, isZero, parseIntOrPercent, scaledValue } from "../../k8s/int-or-percent.js";
import { SCALABLE_KINDS } from "../../k8s/replicas.js";
import type { Resource } from "../../manifests/resource.js";
import { plural } from "../../plural.js";
import { kinds } from "../applies.js";
import { podOwnersSelectedBy } from "../pod-owners.js";
import type { Hit, Rule } from "../types.js";

export const pdbBlocksEviction: Rule = {
  id: "pdb-blocks-eviction",
  title: "PodDisruptionBudget allows no eviction",
  severity: "warning",
  category: "reliability",
  why: "A budget that allows zero disruptions (maxUnavailable: 0, minAvailable: 100%, or a minAvailable as large as the replica count) blocks every voluntary eviction: kubectl drain, node upgrades and the cluster autoscaler wait on its pods forever, and someone ends up deleting the budget by hand in the middle of maintenance.",
  peers: {
    kubeLinter: ["pdb-max-unavailable", "pdb-min-available"],
    polaris: ["pdbDisruptionsIsZero", "pdbMinAvailableGreaterThanHPAMinReplicas"],
  },
  appliesTo: kinds("PodDisruptionBudget"),
  check: (resource, { graph }) => {
    const spec = (resource.object.spec ?? {}) as Record<string, unknown>;
    const maxUnavailable = parseIntOrPercent(spec.maxUnavailable);
    if (maxUnavailable && isZero(maxUnavailable)) {
      return [blocked("/spec/maxUnavailable", `maxUnavailable is ${describeIntOrPercent(maxUnavailable)}`)];
    }
    const minAvailable = parseIntOrPercent(spec.minAvailable);
    if (!minAvailable) return [];
    if (minAvailable.kind === "percent" && minAvailable.value >= 100) {
      return [blocked("/spec/minAvailable", `minAvailable is ${minAvailable.value}%, so every selected pod must stay up`)];
    }
    const pods = fewestPods(graph, resource);
    if (!pods) return [];
    const required = scaledValue(minAvailable, pods.count, true);
    if (required < pods.count) return [];
    const resolved = minAvailable.kind === "percent" ? ` (${required} of ${pods.count}, rounded up)` : "";
    return [
      blocked("/spec/minAvailable", `minAvailable is ${describeIntOrPercent(minAvailable)}${resolved} while ${pods.described}`),
    ];
  },
};

function blocked(path: string, cause: string): Hit {
  return {
    path,
    message: `${cause}: no pod it selects may ever be evicted, so kubectl drain and node upgrades wait on it forever; allow one disruption (maxUnavailable: 1)`,
  };
}

/**
 * The fewest running pods the budget can face: the replicas of the workloads it selects, or their
 * autoscalers' minimum (at least one, since a budget over zero pods blocks nothing). Undefined when it
 * selects nothing here, or pods whose count these manifests cannot tell: a DaemonSet's, a Job's, a custom
 * controller's (an Argo Rollout), or a workload's whose spec.replicas is unreadable. A budget that picks
 * some of a workload's pods only (statefulset.kubernetes.io/pod-name: web-0) is judged against all of
 * them: if a minimum blocks eviction among all, it blocks among fewer too.
 */
function fewestPods(graph: ResourceGraph, pdb: Resource): { count: number; described: string } | undefined {
  const selector = podSelectorOf(pdb);
  if (!selector) return undefined;
  const namespace = namespaceOf(pdb);
  const workloads = graph.workloadsSelectedBy(namespace, selector);
  if (workloads.length === 0 || podOwnersSelectedBy(graph, namespace, selector).length > 0) return undefined;
  if (workloads.some((w) => !SCALABLE_KINDS.has(w.resource.kind) && w.resource.kind !== "Pod")) return undefined;
  const ranges = workloads.map((w) =>
    w.resource.kind === "Pod" ? { min: 1, max: 1, scalers: [] } : replicaRange(graph, w.resource),
  );
  if (!ranges.every((r) => r !== undefined) || ranges.every((r) => r.max === 0)) return undefined;
  const count = Math.max(
    ranges.reduce((sum, r) => sum + r.min, 0),
    1,
  );
  const [only] = workloads;
  const [range] = ranges;
  if (workloads.length > 1 || !only || !range)
    return { count, described: `the ${workloads.length} workloads it selects run ${count} pods together at their fewest` };
  const name = `${only.resource.kind} "${only.resource.name}"`;
  const replicas = plural(count, "replica");
  return {
    count,
    described: range.scalers.length > 0 ? `the autoscaler can scale ${name} down to ${replicas}` : `${name} runs ${replicas}`,
  };
}
