import { type DataStore, dataStoreOf } from "../../k8s/data-stores.js";
import { type ContainerRef, containersOf, describeContainer, isLongRunning, podSpec, podSpecPath } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import { isRecord, type Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const ephemeralDataStore: Rule = {
  id: "ephemeral-data-store",
  title: "Database keeps its data on an emptyDir or in the container",
  severity: "warning",
  category: "reliability",
  why: "A database or queue whose data directory is an emptyDir loses everything whenever its pod is replaced (a rollout, an eviction, a node drain); with no volume there at all, every container restart loses it. Nothing warns: the store starts empty and the application carries on. Keep the data on a PersistentVolumeClaim (a StatefulSet's volumeClaimTemplates).",
  appliesTo: isLongRunning,
  check: (resource) => containersOf(resource, ["container"]).flatMap((ref) => storeHit(resource, ref)),
};

interface Mount {
  readonly volume: string;
  readonly mountPath: string;
}

function storeHit(resource: Resource, ref: ContainerRef): Hit[] {
  const store = dataStoreOf(ref.container);
  if (!store) return [];
  const mounts = (Array.isArray(ref.container.volumeMounts) ? ref.container.volumeMounts.filter(isRecord) : []).flatMap(
    (mount): Mount[] =>
      typeof mount.name === "string" && typeof mount.mountPath === "string"
        ? [{ volume: mount.name, mountPath: mount.mountPath.replace(/\/+$/, "") || "/" }]
        : [],
  );
  for (const dir of store.dataDirs) {
    const mount = coveringMount(mounts, dir);
    if (!mount) {
      return [
        {
          path: joinPointer(ref.path, "image"),
          message: `${describeContainer(ref)} runs ${store.product} with no volume at its data directory ${dir}: the data lives in the container's writable layer and is lost at every restart; ${ADVICE}`,
        },
      ];
    }
    const emptyDir = emptyDirPath(resource, mount.volume);
    if (emptyDir !== undefined) return [emptyDirHit(ref, store, dir, mount, emptyDir)];
  }
  return [];
}

const ADVICE = "mount a PersistentVolumeClaim there (a StatefulSet's volumeClaimTemplates give each replica its own)";

function emptyDirHit(ref: ContainerRef, store: DataStore, dir: string, mount: Mount, path: string): Hit {
  return {
    path,
    message: `${describeContainer(ref)} runs ${store.product} with its data directory ${dir} on emptyDir volume "${mount.volume}": the data is deleted whenever the pod is replaced (a rollout, an eviction, a node drain); ${ADVICE}`,
  };
}

/** The deepest mount at the directory or above it: the volume the data is written to. */
function coveringMount(mounts: readonly Mount[], dir: string): Mount | undefined {
  const covering = mounts.filter(
    (mount) => mount.mountPath === dir || mount.mountPath === "/" || dir.startsWith(`${mount.mountPath}/`),
  );
  return covering.sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
}

/**
 * Pointer of the `emptyDir` of the pod volume with that name; undefined when the volume is anything
 * else (a claim, a volumeClaimTemplate, a host path, a generic ephemeral volume someone chose) or unknown.
 */
function emptyDirPath(resource: Resource, name: string): string | undefined {
  const volumes = podSpec(resource)?.volumes;
  const specPath = podSpecPath(resource);
  if (!Array.isArray(volumes) || specPath === undefined) return undefined;
  const index = volumes.findIndex((volume) => isRecord(volume) && volume.name === name);
  const volume = volumes[index];
  return isRecord(volume) && isRecord(volume.emptyDir) ? joinPointer(specPath, "volumes", index, "emptyDir") : undefined;
}
