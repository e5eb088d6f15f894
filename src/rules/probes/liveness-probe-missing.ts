import { containersOf, describeContainer, isLongRunning } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const livenessProbeMissing: Rule = {
  id: "liveness-probe-missing",
  title: "Container has no liveness probe",
  severity: "warning",
  category: "reliability",
  why: "Without a liveness probe a container that deadlocks keeps its place and keeps receiving traffic until a human notices; the kubelet can only restart what it can see is stuck.",
  peers: { kubeLinter: ["no-liveness-probe"], polaris: ["livenessProbeMissing"] },
  appliesTo: isLongRunning,
  check: (resource) =>
    containersOf(resource, ["container"])
      .filter((ref) => ref.container.livenessProbe === undefined)
      .map((ref) => ({ path: ref.path, message: `${describeContainer(ref)} has no liveness probe` })),
};
