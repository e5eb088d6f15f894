import { containerDefaults } from "../../k8s/limit-range.js";
import { hasEffectiveRequest, resourcePath } from "../../k8s/resources.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const cpuRequestMissing: Rule = {
  id: "cpu-request-missing",
  title: "Container has no CPU request",
  severity: "warning",
  category: "resources",
  why: "The scheduler places pods by their requests: without a CPU request a pod lands on nodes that are already busy, gets the smallest share of CPU under contention, and horizontal autoscaling on CPU has nothing to measure against.",
  peers: { kubeLinter: ["unset-cpu-requirements"], kubeScore: ["container-resources"], polaris: ["cpuRequestsMissing"] },
  appliesTo: isWorkload,
  // a limit implies an equal request, and a LimitRange in the namespace fills one in
  check: (resource, context) =>
    containerDefaults(context.graph.resources, resource).requests.has("cpu")
      ? []
      : containersOf(resource)
          .filter((ref) => !hasEffectiveRequest(resource, ref, "cpu"))
          .map((ref) => ({
            path: resourcePath(ref, "requests", "cpu"),
            message: `${describeContainer(ref)} has no CPU request`,
          })),
};
