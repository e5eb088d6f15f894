import { hasProbe, sameProbe } from "../../k8s/probes.js";
import { containersOf, describeContainer, isLongRunning } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Rule } from "../types.js";

export const livenessEqualsReadiness: Rule = {
  id: "liveness-equals-readiness",
  title: "Liveness and readiness probes are identical",
  severity: "warning",
  category: "reliability",
  why: "When both probes check the same thing, a slow database or a failing dependency makes every replica fail liveness together and the kubelet restarts them all, turning a brownout into an outage. Readiness should take the pod out of rotation; liveness should only catch a process that is stuck.",
  peers: { kubeScore: ["pod-probes-identical"] },
  appliesTo: isLongRunning,
  // native sidecars (init containers with restartPolicy: Always) may carry both probes too
  check: (resource) =>
    containersOf(resource, ["container", "init"])
      .filter((ref) => hasProbe(ref.container, "livenessProbe") && hasProbe(ref.container, "readinessProbe"))
      .filter((ref) => sameProbe(ref.container.livenessProbe, ref.container.readinessProbe))
      .map((ref) => ({
        path: joinPointer(ref.path, "livenessProbe"),
        message: `${describeContainer(ref)} has the same liveness and readiness probe; point liveness at a check of the process alone`,
      })),
};
