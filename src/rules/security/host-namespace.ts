import { isWorkload, podSpec, podSpecPath } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Hit, Rule } from "../types.js";

/** What sharing each of the node's namespaces exposes. */
const HOST_NAMESPACES: readonly (readonly [field: string, consequence: string])[] = [
  [
    "hostNetwork",
    "the node's network: they can bind any port on it, see its traffic, and NetworkPolicies no longer apply to them",
  ],
  ["hostPID", "the node's process table: they can see every process on the node and, with SYS_PTRACE or as root, act on it"],
  ["hostIPC", "the node's IPC namespace: they can read and write the shared memory of any process on the node"],
];

export const hostNamespace: Rule = {
  id: "host-namespace",
  title: "Pod shares a namespace with the node",
  severity: "warning",
  category: "security",
  why: "hostNetwork, hostPID and hostIPC remove the isolation between the pod and the node it runs on, so whoever controls the container reaches the node's network, processes or shared memory. Only node agents (CNI plugins, monitoring daemons) have a reason to use them.",
  peers: {
    kubeLinter: ["host-network", "host-pid", "host-ipc"],
    polaris: ["hostNetworkSet", "hostPIDSet", "hostIPCSet"],
  },
  appliesTo: isWorkload,
  // no fix: the workloads that set these are the node agents that cannot run without them
  check: (resource) => {
    const spec = podSpec(resource);
    const specPath = podSpecPath(resource);
    if (!spec || specPath === undefined) return [];
    return HOST_NAMESPACES.flatMap(([field, consequence]): Hit[] =>
      spec[field] === true
        ? [{ path: joinPointer(specPath, field), message: `pods set ${field}: true and share ${consequence}` }]
        : [],
    );
  },
};
