import { controllerLabelKeys } from "../k8s/controller-labels.js";
import { namespaceOf } from "../k8s/namespace.js";
import { declaredReplicas } from "../k8s/replicas.js";
import { firstMiss, type LabelSelector, type SelectorMiss, selectorMatches } from "../k8s/selector.js";
import { isLongRunning, podSpec, podTemplate, podTemplatePath } from "../k8s/workload.js";
import { isRecord, type KubeObject, type Resource } from "../manifests/resource.js";

export { DEFAULT_NAMESPACE, namespaceOf } from "../k8s/namespace.js";

/** The pods an object creates, as selectors see them. */
export interface PodTemplate {
  readonly resource: Resource;
  /** labels of the pods it creates (the pod template's, or a bare Pod's own) */
  readonly podLabels: Readonly<Record<string, string>>;
  /** keys of the labels its controller adds to each pod, with values the template cannot show */
  readonly controllerLabels: ReadonlySet<string>;
}

/** A workload as the graph sees it: where its pods live, what they are labelled, how many run. */
export interface Workload extends PodTemplate {
  readonly namespace: string;
  readonly podSpec: KubeObject;
  /** `spec.replicas` as written; undefined when absent (the API server defaults it to 1) or no count */
  readonly replicas: number | undefined;
  /** pods serve until replaced (not Jobs, CronJobs or run-to-completion Pods) */
  readonly longRunning: boolean;
}

/**
 * Whether the selector picks the pods of the template. A requirement on a label the controller adds
 * (`statefulset.kubernetes.io/pod-name`, `job-name`) can be met by its pods, so it counts as met.
 */
export function selectsPods(selector: LabelSelector, template: PodTemplate): boolean {
  return selectorMatches(selector, template.podLabels, template.controllerLabels);
}

/** The first requirement the template's pods fail, leaving out the labels their controller adds. */
export function podsMiss(selector: LabelSelector, template: PodTemplate): SelectorMiss | undefined {
  return firstMiss(selector, template.podLabels, template.controllerLabels);
}

export function toWorkload(resource: Resource): Workload | undefined {
  const spec = podSpec(resource);
  if (!spec) return undefined;
  const labels = stringMap((podTemplate(resource)?.metadata as { labels?: unknown } | undefined)?.labels);
  return {
    resource,
    namespace: namespaceOf(resource),
    podLabels: labels,
    controllerLabels: controllerLabelKeys(resource),
    podSpec: spec,
    replicas: declaredReplicas(resource),
    longRunning: isLongRunning(resource),
  };
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
  return isRecord(labels) ? stringMap(labels) : undefined;
}

/** The pod template of a custom controller's resource, as selectors see it; undefined for other objects. */
export function customPodTemplate(resource: Resource): PodTemplate | undefined {
  const podLabels = customPodTemplateLabels(resource);
  return podLabels ? { resource, podLabels, controllerLabels: controllerLabelKeys(resource) } : undefined;
}
