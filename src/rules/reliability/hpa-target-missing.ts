import { namespaceOf } from "../../graph/workloads.js";
import { isHpa, scaleTargetOf } from "../../k8s/autoscaling.js";
import type { Rule } from "../types.js";

export const hpaTargetMissing: Rule = {
  id: "hpa-target-missing",
  title: "HorizontalPodAutoscaler targets a workload that is not in these manifests",
  severity: "warning",
  category: "reliability",
  why: "An autoscaler whose scaleTargetRef names no existing workload scales nothing, and the workload it was meant for runs at a fixed size. A rename of the Deployment that missed the HPA is the usual cause; a target deployed from elsewhere can be declared as external in the configuration.",
  peers: { kubeLinter: ["dangling-horizontalpodautoscaler"], kubeScore: ["horizontalpodautoscaler-has-target"] },
  appliesTo: isHpa,
  check: (resource, { graph }) => {
    const target = scaleTargetOf(resource);
    // a missing or malformed scaleTargetRef is the schema's to report
    if (!target) return [];
    const namespace = namespaceOf(resource);
    // an object without a namespace is in `default`, on either side, as everywhere in the graph
    if (graph.lookup(target.kind, namespace, target.name).status !== "missing") return [];
    return [
      {
        path: "/spec/scaleTargetRef/name",
        message: `scales ${target.kind} "${target.name}", which is not found in namespace "${namespace}" in these manifests; fix the name, or declare the ${target.kind} as external in the configuration if it is deployed from elsewhere`,
      },
    ];
  },
};
