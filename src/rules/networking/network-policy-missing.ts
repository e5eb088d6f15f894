import type { Workload } from "../../graph/workloads.js";
import { isolatedDirections, type TrafficDirection, usesHostNetwork } from "../../k8s/network-policy.js";
import { isLongRunning, podTemplatePath } from "../../k8s/workload.js";
import type { Hit, Rule } from "../types.js";

export const networkPolicyMissing: Rule = {
  id: "network-policy-missing",
  title: "No NetworkPolicy isolates the workload's pods",
  severity: "info",
  category: "networking",
  why: "Until a NetworkPolicy selects a pod, every pod in the cluster can connect to it and it can connect anywhere, so one compromised workload reaches all the others. A policy per workload (or a namespace-wide default deny) limits traffic to what the application needs. Policies are often kept in another repository: this is information, not a verdict.",
  peers: {
    kubeLinter: ["non-isolated-pod"],
    kubeScore: ["pod-networkpolicy"],
    polaris: ["missingNetworkPolicy"],
  },
  // Jobs and CronJobs run to completion; the exposure that matters is that of pods serving until replaced
  appliesTo: isLongRunning,
  check: (resource, { graph }) => {
    const workload = graph.workloadOf(resource);
    // NetworkPolicies do not apply to pods on the node's network
    if (!workload || usesHostNetwork(workload.podSpec)) return [];
    const policies = graph.selecting(workload, "NetworkPolicy");
    const isolated = new Set<TrafficDirection>(policies.flatMap((policy) => [...isolatedDirections(policy)]));
    const hit = missingIsolation(
      workload,
      isolated,
      policies.map((policy) => policy.name),
    );
    return hit ? [hit] : [];
  },
};

function missingIsolation(
  workload: Workload,
  isolated: ReadonlySet<TrafficDirection>,
  names: readonly string[],
): Hit | undefined {
  const template = podTemplatePath(workload.resource) ?? "";
  // NetworkPolicies pick pods by these labels: the place to look when adding one
  const path = `${template}/metadata/labels`;
  const namespace = `namespace "${workload.namespace}"`;
  if (names.length === 0) {
    return {
      path,
      message: `no NetworkPolicy in ${namespace} in these manifests selects these pods: any pod can connect to them and they can connect anywhere; add one (a default deny for the namespace, then what the pods need)`,
    };
  }
  // policies whose types are all malformed are rejected by the API server for their own reasons
  if (isolated.size === 0) return undefined;
  const by = `NetworkPolicy ${names.map((name) => `"${name}"`).join(", ")}`;
  if (!isolated.has("Egress")) {
    return { path, message: `${by} limits only incoming traffic: these pods can still connect anywhere; add an Egress policy` };
  }
  if (!isolated.has("Ingress")) {
    return {
      path,
      message: `${by} limits only outgoing traffic: any pod can still connect to these pods; add an Ingress policy`,
    };
  }
  return undefined;
}
