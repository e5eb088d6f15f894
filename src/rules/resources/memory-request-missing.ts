import { containerDefaults } from "../../k8s/limit-range.js";
import { hasEffectiveRequest, resourcePath } from "../../k8s/resources.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const memoryRequestMissing: Rule = {
  id: "memory-request-missing",
  title: "Container has no memory request",
  severity: "warning",
  category: "resources",
  why: "Without a memory request the scheduler may place the pod on a node that cannot hold it, and under memory pressure the kubelet evicts pods that use more than they requested first.",
  peers: { kubeScore: ["container-resources"], polaris: ["memoryRequestsMissing"] },
  appliesTo: isWorkload,
  // a limit implies an equal request, and a LimitRange in the namespace fills one in
  check: (resource, context) =>
    containerDefaults(context.graph.resources, resource).requests.has("memory")
      ? []
      : containersOf(resource)
          .filter((ref) => !hasEffectiveRequest(resource, ref, "memory"))
          .map((ref) => ({
            path: resourcePath(ref, "requests", "memory"),
            message: `${describeContainer(ref)} has no memory request`,
          })),
};
