import { isLongRunning, podSpec, podTemplatePath } from "../k8s/workload.js";
import type { KubeObject, Resource } from "../manifests/resource.js";

/** A workload as the graph sees it: where its pods live, what they are labelled, how many run. */
export interface Workload {
  readonly resource: Resource;
  readonly namespace: string;
  /** labels of the pods it creates (the pod template's, or a bare Pod's own) */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly podSpec: KubeObject;
  /** `spec.replicas` as written; undefined when absent (the API server defaults it to 1) */
  readonly replicas: number | undefined;
  /** pods serve until replaced (not Jobs, CronJobs or run-to-completion Pods) */
  readonly longRunning: boolean;
}

export const DEFAULT_NAMESPACE = "default";

/** Objects without a namespace land in the one kubectl applies them to; the graph calls it "default". */
export function namespaceOf(resource: Resource): string {
  return resource.namespace ?? DEFAULT_NAMESPACE;
}

export function toWorkload(resource: Resource): Workload | undefined {
  const templatePath = podTemplatePath(resource);
  const spec = podSpec(resource);
  if (templatePath === undefined || !spec) return undefined;
  const metadataOwner = templatePath === "" ? resource.object : valueAtPath(resource.object, templatePath);
  const labels = stringMap((metadataOwner as { metadata?: { labels?: unknown } } | undefined)?.metadata?.labels);
  const replicas = (resource.object.spec as { replicas?: unknown } | undefined)?.replicas;
  return {
    resource,
    namespace: namespaceOf(resource),
    podLabels: labels,
    podSpec: spec,
    replicas: typeof replicas === "number" ? replicas : undefined,
    longRunning: isLongRunning(resource),
  };
}

function valueAtPath(root: unknown, pointer: string): unknown {
  let current = root;
  for (const key of pointer.split("/").slice(1)) current = (current as Record<string, unknown> | undefined)?.[key];
  return current;
}

export function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== null && entry !== undefined) out[key] = String(entry);
  }
  return out;
}

/**
 * Labels of the pods a custom controller creates from a pod template of its own (an Argo Rollouts
 * Rollout, an OpenKruise CloneSet): objects that are not workloads the graph models but carry
 * `spec.template.metadata.labels`. Undefined for everything else.
 */
export function customPodTemplateLabels(resource: Resource): Record<string, string> | undefined {
  if (podTemplatePath(resource) !== undefined) return undefined;
  const labels = (resource.object.spec as { template?: { metadata?: { labels?: unknown } } } | undefined)?.template?.metadata
    ?.labels;
  return labels && typeof labels === "object" && !Array.isArray(labels) ? stringMap(labels) : undefined;
}
