import { containerDefaults } from "../../k8s/limit-range.js";
import { containerResource, podResource, resourcePath } from "../../k8s/resources.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const memoryLimitMissing: Rule = {
  id: "memory-limit-missing",
  title: "Container has no memory limit",
  severity: "warning",
  category: "resources",
  why: "A container without a memory limit can grow until the node runs out of memory, and then the kernel kills whatever it picks, often a neighbour; a limit makes a leak kill only the leaking container.",
  peers: { kubeLinter: ["unset-memory-requirements"], kubeScore: ["container-resources"], polaris: ["memoryLimitsMissing"] },
  appliesTo: isWorkload,
  // a pod-level limit bounds all containers, and a LimitRange in the namespace fills one in
  check: (resource, context) =>
    podResource(resource, "limits", "memory") !== undefined ||
    containerDefaults(context.graph.resources, resource).limits.has("memory")
      ? []
      : containersOf(resource)
          .filter((ref) => containerResource(ref, "limits", "memory") === undefined)
          .map((ref) => ({
            path: resourcePath(ref, "limits", "memory"),
            message: `${describeContainer(ref)} has no memory limit`,
          })),
};
