/** Workloads whose replica count an autoscaler owns: an HPA or a KEDA ScaledObject targets them. */

import type { KubeObject } from "../manifests/resource.js";
import { apiGroup, isRecord } from "../manifests/resource.js";

/** `Deployment/shop/web` for every workload a scaler in `objects` targets (Git's and the cluster's). */
export function autoscaledWorkloads(objects: Iterable<{ object: KubeObject; namespace: string }>): Set<string> {
  const scaled = new Set<string>();
  for (const { object, namespace } of objects) {
    const group = apiGroup(String(object.apiVersion ?? ""));
    const isHpa = group === "autoscaling" && object.kind === "HorizontalPodAutoscaler";
    const isKeda = group === "keda.sh" && object.kind === "ScaledObject";
    if (!isHpa && !isKeda) continue;
    const spec = isRecord(object.spec) ? object.spec : {};
    const target = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
    if (typeof target.name !== "string") continue;
    // KEDA defaults the target kind to Deployment
    const kind = typeof target.kind === "string" ? target.kind : "Deployment";
    scaled.add(`${kind}/${namespace}/${target.name}`);
  }
  return scaled;
}
