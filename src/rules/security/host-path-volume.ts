import { type HostPathVolume, hostPathVolumes, mountsOf, sensitiveHostPath } from "../../k8s/host-paths.js";
import { describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const hostPathVolume: Rule = {
  id: "host-path-volume",
  title: "Pod mounts a directory of the node",
  severity: "warning",
  category: "security",
  why: "A hostPath volume gives the container files of whichever node it lands on: the pod depends on that node's layout, and a compromised container can read or change node files, which for paths like the container runtime socket or /var/lib/kubelet means owning the node. Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret unless the pod is a node agent.",
  peers: {
    kubeLinter: ["sensitive-host-mounts", "writable-host-mount", "docker-sock"],
    polaris: ["hostPathSet"],
  },
  appliesTo: isWorkload,
  check: (resource) => hostPathVolumes(resource).map((volume) => volumeHit(resource, volume)),
};

function volumeHit(resource: Resource, volume: HostPathVolume): Hit {
  const mounts = mountsOf(resource, volume.name);
  const writable = mounts.filter((mount) => !mount.readOnly).map((mount) => describeContainer(mount.container));
  const access = writable.length > 0 ? ` (writable by ${writable.join(", ")})` : mounts.length > 0 ? " (read-only)" : "";
  const where = `volume "${volume.name}" mounts the node's ${volume.hostPath ?? "filesystem"}${access}`;
  const sensitive = volume.hostPath === undefined ? undefined : sensitiveHostPath(volume.hostPath);
  if (sensitive) return { path: volume.path, message: `${where}, ${sensitive}` };
  const exposure =
    writable.length > 0
      ? "; a compromised container can change them"
      : mounts.length > 0
        ? "; a compromised container can read them"
        : "";
  return { path: volume.path, message: `${where}: the pod depends on that node's files${exposure}` };
}
