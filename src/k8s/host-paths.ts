/** hostPath volumes, and the node paths that hand a container the node itself. */
import { joinPointer } from "../manifests/pointer.js";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import { type ContainerRef, containersOf, podSpec, podSpecPath } from "./workload.js";

export interface HostPathVolume {
  readonly name: string;
  /** the node path, normalised; undefined when the manifest gives none */
  readonly hostPath: string | undefined;
  /** JSON pointer of the volume's `hostPath` key */
  readonly path: string;
}

export interface VolumeMountRef {
  readonly container: ContainerRef;
  readonly readOnly: boolean;
}

const RUNTIME_SOCKET = "the container runtime's socket: whoever can talk to it controls every container on the node";

/**
 * Node paths whose exposure is a takeover of the node, and why. A mount of one of these, or of a
 * directory above one, is sensitive; a directory below one is judged by its own entry (so /etc/ssl for
 * CA certificates is not, /etc/kubernetes is).
 */
const SENSITIVE: Readonly<Record<string, string>> = {
  "/": "the node's whole filesystem",
  "/etc": "the node's configuration: users, sudoers, kubelet and network settings",
  "/etc/kubernetes": "the node's Kubernetes credentials and static pod manifests",
  "/root": "root's home directory on the node (SSH keys, credentials)",
  "/home": "the home directories on the node (SSH keys, credentials)",
  "/boot": "the node's kernel and boot loader",
  "/dev": "every device of the node",
  "/proc": "the kernel's view of every process on the node",
  "/sys": "the node's kernel and hardware settings",
  "/bin": "the node's system programs",
  "/sbin": "the node's system programs",
  "/usr": "the node's system programs and libraries",
  "/lib": "the node's system libraries",
  "/var/lib/kubelet": "the kubelet's state, including the Secrets and service account tokens of every pod on the node",
  "/var/lib/docker": "the images and filesystems of every container on the node",
  "/var/lib/containerd": "the images and filesystems of every container on the node",
  "/var/run/docker.sock": RUNTIME_SOCKET,
  "/run/docker.sock": RUNTIME_SOCKET,
  "/var/run/containerd/containerd.sock": RUNTIME_SOCKET,
  "/run/containerd/containerd.sock": RUNTIME_SOCKET,
  "/var/run/crio/crio.sock": RUNTIME_SOCKET,
  "/run/crio/crio.sock": RUNTIME_SOCKET,
  "/var/run/cri-dockerd.sock": RUNTIME_SOCKET,
  "/run/cri-dockerd.sock": RUNTIME_SOCKET,
};

/** `/var//run/` → `/var/run`. */
export function normalizeHostPath(raw: string): string {
  const collapsed = raw.trim().replace(/\/+/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}

/**
 * What exposing a node path hands over, as a phrase that follows the path ("/etc, the node's
 * configuration…"), or undefined for an ordinary directory. The path's own entry wins; otherwise the
 * first sensitive path it contains.
 */
export function sensitiveHostPath(hostPath: string): string | undefined {
  if (Object.hasOwn(SENSITIVE, hostPath)) return SENSITIVE[hostPath];
  const prefix = hostPath === "/" ? "/" : `${hostPath}/`;
  const inside = Object.keys(SENSITIVE).find((sensitive) => sensitive.startsWith(prefix));
  return inside === undefined ? undefined : `which holds ${SENSITIVE[inside]}`;
}

export function hostPathVolumes(resource: Resource): HostPathVolume[] {
  const volumes = podSpec(resource)?.volumes;
  const specPath = podSpecPath(resource);
  if (!Array.isArray(volumes) || specPath === undefined) return [];
  return volumes.flatMap((volume: unknown, index): HostPathVolume[] => {
    if (!isRecord(volume) || volume.hostPath === undefined || volume.hostPath === null) return [];
    const raw = isRecord(volume.hostPath) ? volume.hostPath.path : undefined;
    return [
      {
        name: typeof volume.name === "string" ? volume.name : String(index),
        hostPath: typeof raw === "string" && raw.trim() !== "" ? normalizeHostPath(raw) : undefined,
        path: joinPointer(specPath, "volumes", index, "hostPath"),
      },
    ];
  });
}

/** The containers (init containers included) that mount a volume, and how. */
export function mountsOf(resource: Resource, volumeName: string): VolumeMountRef[] {
  return containersOf(resource, ["init", "container", "ephemeral"]).flatMap((ref) => {
    const mounts = ref.container.volumeMounts;
    if (!Array.isArray(mounts)) return [];
    return mounts
      .filter((mount: unknown): mount is KubeObject => isRecord(mount) && mount.name === volumeName)
      .map((mount) => ({ container: ref, readOnly: mount.readOnly === true }));
  });
}
