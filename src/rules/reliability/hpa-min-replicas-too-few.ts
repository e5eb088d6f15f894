import { isHpa, replicaBoundsOf, scaleTargetOf } from "../../k8s/autoscaling.js";
import { isUnreadableCount } from "../../k8s/replicas.js";
import { valueAt } from "../../manifests/pointer.js";
import type { Rule } from "../types.js";

export const hpaMinReplicasTooFew: Rule = {
  id: "hpa-min-replicas-too-few",
  title: "HorizontalPodAutoscaler may scale down to one pod",
  severity: "warning",
  category: "reliability",
  why: "When load is low an autoscaler with minReplicas 1 (the default when it is left out) leaves a single pod, and a node drain, an eviction or a crash then takes the service down until a replacement is ready. A minimum of two keeps it serving.",
  peers: {
    kubeLinter: ["hpa-minimum-three-replicas"],
    kubeScore: ["horizontalpodautoscaler-replicas"],
    polaris: ["hpaMinAvailability"],
  },
  appliesTo: isHpa,
  check: (resource) => {
    const raw = valueAt(resource.object, "/spec/minReplicas");
    // minReplicas: "3" is no count: the API server rejects the autoscaler, and schema-invalid says so
    if (isUnreadableCount(raw)) return [];
    const { min, max } = replicaBoundsOf(resource);
    // minReplicas: 0 is scale-to-zero (the HPAScaleToZero feature), chosen on purpose for idle workloads
    if (raw === 0 || min >= 2) return [];
    const target = scaleTargetOf(resource);
    const what = target ? `${target.kind} "${target.name}"` : "its target";
    const setting = raw === undefined || raw === null ? "minReplicas is not set, so 1" : `minReplicas is ${min}`;
    const raise = max !== undefined && max < 2 ? "set minReplicas and maxReplicas to at least 2" : "set minReplicas: 2";
    return [
      {
        path: "/spec/minReplicas",
        message: `${setting}: when load is low the autoscaler scales ${what} down to one pod, which a node drain or a crash takes down; ${raise}`,
      },
    ];
  },
};
