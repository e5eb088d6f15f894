import { type SharedClaim, singleUserClaims } from "../../graph/claims.js";
import type { ResourceGraph } from "../../graph/graph.js";
import { replicaRange } from "../../graph/scalers.js";
import { SCALABLE_KINDS } from "../../k8s/replicas.js";
import { pinnedToOneNode } from "../../k8s/volumes.js";
import { isWorkload } from "../../k8s/workload.js";
import { valueAt } from "../../manifests/pointer.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const rwoVolumeShared: Rule = {
  id: "rwo-volume-shared",
  title: "ReadWriteOnce volume is shared by several pods",
  severity: "warning",
  category: "reliability",
  why: "A ReadWriteOnce volume attaches to one node at a time, so replicas scheduled on other nodes hang in ContainerCreating with a Multi-Attach error; a ReadWriteOncePod volume admits a single pod and the others stay Pending. Give each pod its own volume (a StatefulSet's volumeClaimTemplates) or use a ReadWriteMany claim.",
  appliesTo: isWorkload,
  check: (resource, { graph }) => {
    const pods = podsAtOnce(resource, graph);
    if (!pods) return [];
    const workload = graph.workloadOf(resource);
    // pods pinned to one node share a ReadWriteOnce volume fine: it is attached per node, not per pod
    const colocated = workload ? pinnedToOneNode(resource, workload.podLabels) : false;
    return singleUserClaims(graph, resource)
      .filter((claim) => claim.mode === "ReadWriteOncePod" || !colocated)
      .map((claim) => hit(claim, pods));
  },
};

function hit(claim: SharedClaim, pods: string): Hit {
  const effect =
    claim.mode === "ReadWriteOncePod"
      ? "only one pod may use the volume, so the others stay Pending"
      : "the volume attaches to one node at a time, so pods scheduled on other nodes hang in ContainerCreating with a Multi-Attach error";
  return {
    path: claim.path,
    message: `${pods} mount ${claim.mode} claim "${claim.claimName}": ${effect}; give each pod its own volume (a StatefulSet with volumeClaimTemplates) or use a ReadWriteMany claim`,
  };
}

/** How many pods run at once, described for the message; undefined when it is one. */
function podsAtOnce(resource: Resource, graph: ResourceGraph): string | undefined {
  if (resource.kind === "DaemonSet") return "its pods (one per node)";
  if (SCALABLE_KINDS.has(resource.kind)) {
    const range = replicaRange(graph, resource);
    // an unreadable spec.replicas is schema-invalid's to report
    if (!range || range.max < 2) return undefined;
    return range.scalers.length > 0 ? `up to ${range.max} replicas (its autoscaler's maximum)` : `${range.max} replicas`;
  }
  // a Job runs `parallelism` pods at once (1 when absent)
  const parallelism = valueAt(
    resource.object,
    resource.kind === "CronJob" ? "/spec/jobTemplate/spec/parallelism" : "/spec/parallelism",
  );
  if ((resource.kind === "Job" || resource.kind === "CronJob") && typeof parallelism === "number" && parallelism >= 2) {
    return `${parallelism} parallel pods`;
  }
  return undefined;
}
