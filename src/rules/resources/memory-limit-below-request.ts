import { compareQuantities, parseQuantity } from "../../k8s/quantity.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const memoryLimitBelowRequest: Rule = {
  id: "memory-limit-below-request",
  title: "Memory limit is below the memory request",
  severity: "error",
  category: "resources",
  why: "The API server rejects a pod whose limit is below its request, so the workload never starts.",
  appliesTo: isWorkload,
  check: (resource) =>
    containersOf(resource).flatMap((ref) => {
      const resources = ref.container.resources as
        | { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
        | undefined;
      const request = parseQuantity(resources?.requests?.memory);
      const limit = parseQuantity(resources?.limits?.memory);
      if (!request || !limit || compareQuantities(limit, request) >= 0) return [];
      return [
        {
          path: `${ref.path}/resources/limits/memory`,
          message: `${describeContainer(ref)} memory limit ${String(resources?.limits?.memory)} is below its request ${String(resources?.requests?.memory)}`,
        },
      ];
    }),
};
