import { compareQuantities, parseQuantity } from "../../k8s/quantity.js";
import { containerResource, resourcePath } from "../../k8s/resources.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const memoryLimitBelowRequest: Rule = {
  id: "memory-limit-below-request",
  title: "Memory limit is below the memory request",
  severity: "error",
  category: "resources",
  why: "The API server rejects a pod whose limit is below its request, so the workload never starts.",
  appliesTo: isWorkload,
  // compared by exact value: 1000M is less than 1Gi, and 0.5Gi equals 512Mi
  check: (resource) =>
    containersOf(resource).flatMap((ref) => {
      const requestText = containerResource(ref, "requests", "memory");
      const limitText = containerResource(ref, "limits", "memory");
      const request = parseQuantity(requestText);
      const limit = parseQuantity(limitText);
      if (!request || !limit || compareQuantities(limit, request) >= 0) return [];
      return [
        {
          path: resourcePath(ref, "limits", "memory"),
          message: `${describeContainer(ref)} memory limit ${String(limitText)} is below its request ${String(requestText)}`,
        },
      ];
    }),
};
