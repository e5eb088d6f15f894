import { namespaceOf } from "../../graph/workloads.js";
import {
  adoptsHpa,
  autoscalerTarget,
  type ComputeResource,
  isVpa,
  scaledOnResources,
  vpaUpdatedResources,
} from "../../k8s/autoscaler-conflicts.js";
import { isHpa, isReplicaScaler } from "../../k8s/autoscaling.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const autoscalerConflict: Rule = {
  id: "autoscaler-conflict",
  title: "Two autoscalers act on one workload",
  severity: "warning",
  category: "reliability",
  why: "Two HorizontalPodAutoscalers (or an HPA and a KEDA ScaledObject, which drives an HPA of its own) on one workload each set its replica count from their own metrics, so the count flips between their answers on every sync. A VerticalPodAutoscaler that updates CPU or memory requests while an HPA scales on the utilisation of the same resource moves the very number the HPA divides by: the two chase each other. Keep one replica scaler per workload, and let a VPA manage only what the HPA does not scale on.",
  appliesTo: (resource) => isReplicaScaler(resource) || isVpa(resource),
  check: (resource, { graph }) => {
    const target = autoscalerTarget(resource);
    if (!target) return [];
    const namespace = namespaceOf(resource);
    const sameTarget = (other: Resource) => {
      const its = autoscalerTarget(other);
      return its?.kind === target.kind && its.name === target.name;
    };
    const others = ["HorizontalPodAutoscaler", "ScaledObject", "VerticalPodAutoscaler"]
      .flatMap((kind) => graph.ofKind(kind, namespace))
      .filter((other) => other !== resource && (isReplicaScaler(other) || isVpa(other)) && sameTarget(other));
    // each pair once, at the one that comes later in the input: the graph keeps input order
    const earlier = others.filter((other) => graph.resources.indexOf(other) < graph.resources.indexOf(resource));
    for (const other of earlier) {
      const [hit] = conflict(resource, other, `${target.kind} "${target.name}"`);
      if (hit) return [alternativeFiles(resource, other) ? asAlternative(hit, other) : hit];
    }
    return [];
  },
};

function conflict(resource: Resource, other: Resource, workload: string): Hit[] {
  const path = isVpa(resource) ? "/spec/targetRef" : "/spec/scaleTargetRef";
  const them = `${other.kind} "${other.name}"`;
  if (isReplicaScaler(resource) && isReplicaScaler(other)) {
    if (adopts(resource, other)) return [];
    return [
      {
        path,
        message: `scales ${workload}, which ${them} scales too: both set its replica count, each from its own metrics, so it flips between their answers; keep one (merge the metrics into it)`,
      },
    ];
  }
  if (isVpa(resource) && isVpa(other)) {
    return [{ path, message: `targets ${workload}, which ${them} targets too: two VPAs give it conflicting requests; keep one` }];
  }
  const [vpa, hpa] = isVpa(resource) ? [resource, other] : [other, resource];
  const shared = [...scaledOnResources(hpa)].filter((name) => vpaUpdatedResources(vpa).has(name));
  if (shared.length === 0) return [];
  return [
    {
      path,
      message: `${isVpa(resource) ? "updates" : "scales"} ${workload} ${isVpa(resource) ? `${describe(shared)} requests` : `on ${describe(shared)} utilisation`} while ${them} ${isVpa(resource) ? `scales it on that utilisation` : `updates those requests`}: each change of the requests moves the utilisation the HPA reads, and the two chase each other; let the VPA control only what the HPA does not scale on (controlledResources), or set its updateMode to "Off"`,
    },
  ];
}

/**
 * Two autoscalers in different files of a plain directory may be alternatives (an HPA on CPU, another on
 * a GPU metric), of which people apply one; in one file or one Kustomize build they are applied together.
 */
function alternativeFiles(a: Resource, b: Resource): boolean {
  return a.source.file !== b.source.file && a.renderedBy === undefined;
}

function asAlternative(hit: Hit, other: Resource): Hit {
  return {
    ...hit,
    severity: "info",
    message: `${hit.message} (the other is in ${other.source.file}: if the files are alternatives, apply only one)`,
  };
}

/** A ScaledObject that takes over the HPA by KEDA's documented ownership transfer is no second scaler. */
function adopts(a: Resource, b: Resource): boolean {
  if (isHpa(a) && !isHpa(b)) return adoptsHpa(b, a);
  if (isHpa(b) && !isHpa(a)) return adoptsHpa(a, b);
  return false;
}

function describe(resources: readonly ComputeResource[]): string {
  return resources.join(" and ");
}
