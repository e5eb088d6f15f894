import { hasProbe } from "../../k8s/probes.js";
import { containersOf, describeContainer, isLongRunning } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const readinessProbeMissing: Rule = {
  id: "readiness-probe-missing",
  title: "Container has no readiness probe",
  severity: "warning",
  category: "reliability",
  why: "Without a readiness probe a pod counts as ready the moment its process starts: Services send it traffic before it can answer, and a rolling update removes old pods before the new ones can serve.",
  peers: { kubeLinter: ["no-readiness-probe"], kubeScore: ["pod-probes"], polaris: ["readinessProbeMissing"] },
  appliesTo: isLongRunning,
  check: (resource) =>
    containersOf(resource, ["container"])
      .filter((ref) => !hasProbe(ref.container, "readinessProbe"))
      .map((ref) => ({ path: ref.path, message: `${describeContainer(ref)} has no readiness probe` })),
};
