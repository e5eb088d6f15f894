import { hasProbe } from "../../k8s/probes.js";
import { containersOf, describeContainer, isLongRunning } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const livenessProbeMissing: Rule = {
  id: "liveness-probe-missing",
  title: "Container has no liveness probe",
  severity: "warning",
  category: "reliability",
  why: "Without a liveness probe a container that deadlocks keeps running, and keeps its share of the work, until a human restarts it; the kubelet can only restart what it can see is stuck. Keep the probe about the process itself, not its dependencies.",
  peers: { kubeLinter: ["no-liveness-probe"], polaris: ["livenessProbeMissing"] },
  appliesTo: isLongRunning,
  // init containers run to completion (and cannot have probes), so only the serving containers count
  check: (resource) =>
    containersOf(resource, ["container"])
      .filter((ref) => !hasProbe(ref.container, "livenessProbe"))
      .map((ref) => ({ path: ref.path, message: `${describeContainer(ref)} has no liveness probe` })),
};
