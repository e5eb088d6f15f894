import type { Operation } from "fast-json-patch";
import { isGuaranteed } from "../../k8s/qos.js";
import { containerResource, podResource, resourcePath } from "../../k8s/resources.js";
import { type ContainerRef, containersOf, describeContainer, isWorkload, podSpec, podSpecPath } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const cpuLimitSet: Rule = {
  id: "cpu-limit-set",
  title: "Container has a CPU limit",
  severity: "info",
  category: "resources",
  why: "A CPU limit is a quota the kernel enforces in every 100 ms period: a container that reaches it is throttled even when the node has idle cores, which shows up as latency spikes, slow starts and failed probes. The CPU request already secures the container's share under contention. Keep limits only for pods that need the Guaranteed QoS class.",
  appliesTo: isWorkload,
  // a Guaranteed pod (requests equal limits for CPU and memory everywhere) has its CPU limit on purpose
  check: (resource) => {
    if (isGuaranteed(resource)) return [];
    const hits = containersOf(resource)
      .filter((ref) => containerResource(ref, "limits", "cpu") !== undefined)
      .map((ref) => containerHit(ref));
    const podLimit = podResource(resource, "limits", "cpu");
    if (podLimit !== undefined) hits.push(podHit(resource, podLimit));
    return hits;
  },
};

const ADVICE =
  "the kernel throttles it at that quota even when the node has idle CPU; remove the limit and keep the request, unless the pod needs Guaranteed QoS (then set requests equal to limits for CPU and memory)";

/** A ResourceQuota on limits.cpu in the namespace rejects pods without a CPU limit: the fix can stop it being created. */
const UNSAFE = "unsafe" as const;

function containerHit(ref: ContainerRef): Hit {
  const limit = containerResource(ref, "limits", "cpu");
  return {
    path: resourcePath(ref, "limits", "cpu"),
    message: `${describeContainer(ref)} has a CPU limit of ${String(limit)}: ${ADVICE}`,
    fix: dropLimit(joinPointer(ref.path, "resources"), ref.container.resources, limit),
    fixApplicability: UNSAFE,
  };
}

function podHit(resource: Resource, limit: unknown): Hit {
  const resourcesPath = joinPointer(podSpecPath(resource) ?? "", "resources");
  return {
    path: joinPointer(resourcesPath, "limits", "cpu"),
    message: `the pod has a CPU limit of ${String(limit)}: ${ADVICE}`,
    fix: dropLimit(resourcesPath, podSpec(resource)?.resources, limit),
    fixApplicability: UNSAFE,
  };
}

/**
 * Removes the CPU limit. A request left out defaults to the limit, so removing the limit alone would
 * also remove the request the scheduler places the pod by: the limit's value becomes the request then.
 */
function dropLimit(resourcesPath: string, resources: unknown, limit: unknown): Operation[] {
  const section = (resources ?? {}) as { requests?: unknown; limits?: Record<string, unknown> };
  const requests =
    section.requests && typeof section.requests === "object" ? (section.requests as Record<string, unknown>) : undefined;
  const ops: Operation[] = [];
  const hasRequest = requests?.cpu !== undefined && requests.cpu !== null && requests.cpu !== "";
  if (!hasRequest) {
    if (requests) ops.push({ op: "add", path: joinPointer(resourcesPath, "requests", "cpu"), value: limit });
    else ops.push({ op: "add", path: joinPointer(resourcesPath, "requests"), value: { cpu: limit } });
  }
  const onlyCpu = section.limits && Object.keys(section.limits).every((key) => key === "cpu");
  ops.push({ op: "remove", path: onlyCpu ? joinPointer(resourcesPath, "limits") : joinPointer(resourcesPath, "limits", "cpu") });
  return ops;
}
