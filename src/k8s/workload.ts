import { joinPointer, valueAt } from "../manifests/pointer.js";
import { isRecord, type KubeObject, type Resource } from "../manifests/resource.js";

export type ContainerKind = "container" | "init" | "ephemeral";

export interface ContainerRef {
  readonly container: KubeObject;
  readonly name: string;
  readonly kind: ContainerKind;
  /** JSON pointer of the container in the resource */
  readonly path: string;
  /** pointer with the list position replaced by the name, for fingerprints */
  readonly semanticPath: string;
}

const TEMPLATE_PATH: Record<string, string> = {
  Deployment: "/spec/template",
  StatefulSet: "/spec/template",
  DaemonSet: "/spec/template",
  ReplicaSet: "/spec/template",
  ReplicationController: "/spec/template",
  // OpenShift's predecessor of Deployment: deprecated, but still what many clusters run
  DeploymentConfig: "/spec/template",
  Job: "/spec/template",
  CronJob: "/spec/jobTemplate/spec/template",
  PodTemplate: "/template",
};

/** Kinds whose pods are expected to run until replaced: the ones probes and disruption rules are about. */
const LONG_RUNNING = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "DeploymentConfig",
]);

/** Pointer of the pod template (metadata + spec) of a workload, or undefined for other kinds. */
export function podTemplatePath(resource: Resource): string | undefined {
  if (resource.kind === "Pod") return "";
  // own keys only: `kind: constructor` must not find Object.prototype.constructor
  return Object.hasOwn(TEMPLATE_PATH, resource.kind) ? TEMPLATE_PATH[resource.kind] : undefined;
}

export function podSpecPath(resource: Resource): string | undefined {
  const template = podTemplatePath(resource);
  return template === undefined ? undefined : `${template}/spec`;
}

/** The pod template (metadata and spec) of a workload; a bare Pod is its own template. */
export function podTemplate(resource: Resource): KubeObject | undefined {
  const pointer = podTemplatePath(resource);
  if (pointer === undefined) return undefined;
  const template = valueAt(resource.object, pointer);
  return isRecord(template) ? template : undefined;
}

export function podSpec(resource: Resource): KubeObject | undefined {
  const spec = podTemplate(resource)?.spec;
  return isRecord(spec) ? spec : undefined;
}

export function isWorkload(resource: Resource): boolean {
  return podTemplatePath(resource) !== undefined;
}

/**
 * Workloads whose pods serve until replaced. A bare Pod counts unless its restartPolicy says it runs
 * to completion; Jobs and CronJobs never do.
 */
export function isLongRunning(resource: Resource): boolean {
  if (LONG_RUNNING.has(resource.kind)) return true;
  if (resource.kind !== "Pod") return false;
  const policy = podSpec(resource)?.restartPolicy;
  return policy === undefined || policy === "Always";
}

const CONTAINER_LISTS: [string, ContainerKind][] = [
  ["initContainers", "init"],
  ["containers", "container"],
  ["ephemeralContainers", "ephemeral"],
];

/** Every container of a workload with its JSON pointer, init containers first as the kubelet runs them. */
export function containersOf(resource: Resource, kinds: readonly ContainerKind[] = ["container", "init"]): ContainerRef[] {
  const spec = podSpec(resource);
  const specPath = podSpecPath(resource);
  if (!spec || specPath === undefined) return [];
  const refs: ContainerRef[] = [];
  for (const [field, kind] of CONTAINER_LISTS) {
    if (!kinds.includes(kind)) continue;
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (!container || typeof container !== "object") return;
      const name =
        typeof (container as KubeObject).name === "string" ? ((container as KubeObject).name as string) : String(index);
      refs.push({
        container: container as KubeObject,
        name,
        kind,
        path: joinPointer(specPath, field, index),
        semanticPath: `${specPath}/${field}[${name}]`,
      });
    });
  }
  return refs;
}

/** "container web", "init container migrate": how messages name a container. */
export function describeContainer(ref: ContainerRef): string {
  const prefix = ref.kind === "init" ? "init container" : ref.kind === "ephemeral" ? "ephemeral container" : "container";
  return `${prefix} "${ref.name}"`;
}
