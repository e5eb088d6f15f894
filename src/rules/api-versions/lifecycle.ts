/**
 * Where an apiVersion stands on the version a manifest is checked against: removed, deprecated, or
 * fine. Kubernetes APIs are judged against the target Kubernetes version; add-ons (cert-manager,
 * Istio) count their own versions, so they are judged against the newest release the data knows.
 */
import type { Operation } from "fast-json-patch";
import { compareVersions, type KubeVersion, parseKubeVersion } from "../../k8s/versions.js";
import type { Resource } from "../../manifests/resource.js";
import { API_LIFECYCLES, type ApiLifecycle, NEWEST_VERSION } from "./api-data.js";

export type ApiStage = "removed" | "deprecated";

export interface ApiStatus {
  readonly stage: ApiStage;
  readonly entry: ApiLifecycle;
  /** the version the entry was judged against */
  readonly target: KubeVersion;
}

const COMPONENT_NAMES: Readonly<Record<string, string>> = { k8s: "Kubernetes", istio: "Istio", "cert-manager": "cert-manager" };

/** The lifecycle entry for an object: one for its exact kind wins over one for the whole apiVersion. */
export function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | undefined {
  const matching = API_LIFECYCLES.filter((entry) => entry.apiVersion === apiVersion);
  return matching.find((entry) => entry.kind === kind) ?? matching.find((entry) => entry.kind === "");
}

/** Undefined when the API is current on the target, or the target cannot be read. */
export function apiStatus(resource: Resource, kubernetesVersion: string): ApiStatus | undefined {
  const entry = lifecycleOf(resource.apiVersion, resource.kind);
  if (!entry) return undefined;
  const target = targetFor(entry.component, kubernetesVersion);
  if (!target) return undefined;
  if (reached(entry.removedIn, target)) return { stage: "removed", entry, target };
  if (reached(entry.deprecatedIn, target)) return { stage: "deprecated", entry, target };
  return undefined;
}

function targetFor(component: string, kubernetesVersion: string): KubeVersion | undefined {
  const text = component === "k8s" ? kubernetesVersion : NEWEST_VERSION[component];
  return text === undefined ? undefined : parseKubeVersion(text);
}

function reached(version: string | undefined, target: KubeVersion): boolean {
  const parsed = version === undefined ? undefined : parseKubeVersion(version);
  return parsed !== undefined && compareVersions(parsed, target) <= 0;
}

/** "Kubernetes 1.22", "cert-manager 1.6": versions as their project numbers them. */
export function componentVersion(entry: ApiLifecycle, version: string | undefined): string {
  const parsed = version === undefined ? undefined : parseKubeVersion(version);
  const name = COMPONENT_NAMES[entry.component] ?? entry.component;
  return parsed ? `${name} ${parsed.major}.${parsed.minor}` : name;
}

/** What to use instead, for a message: "use apps/v1", or that there is nothing to move to. */
export function replacementAdvice(status: ApiStatus): string {
  const { entry, target } = status;
  if (!entry.replacement) return "it has no replacement";
  const available = entry.replacementAvailableIn === undefined ? undefined : parseKubeVersion(entry.replacementAvailableIn);
  if (available && compareVersions(available, target) > 0) {
    return `move to ${entry.replacement} once on ${componentVersion(entry, entry.replacementAvailableIn)}`;
  }
  return `use ${entry.replacement}`;
}

/**
 * Migrations where only the apiVersion changes and every field keeps its meaning. Others (Ingress,
 * HPA v2beta1, CRDs, webhooks, apps/v1 with its required selector) need fields moved by hand.
 */
const APIVERSION_ONLY: ReadonlySet<string> = new Set([
  "batch/v1beta1 CronJob",
  "policy/v1beta1 PodDisruptionBudget",
  "autoscaling/v2beta2 HorizontalPodAutoscaler",
  "extensions/v1beta1 NetworkPolicy",
  "networking.k8s.io/v1beta1 IngressClass",
  "scheduling.k8s.io/v1alpha1 PriorityClass",
  "scheduling.k8s.io/v1beta1 PriorityClass",
  "coordination.k8s.io/v1beta1 Lease",
  "node.k8s.io/v1beta1 RuntimeClass",
  "apiregistration.k8s.io/v1beta1 APIService",
  "storage.k8s.io/v1beta1 StorageClass",
  "storage.k8s.io/v1beta1 CSIDriver",
  "storage.k8s.io/v1beta1 CSINode",
  "storage.k8s.io/v1beta1 VolumeAttachment",
  "storage.k8s.io/v1beta1 CSIStorageCapacity",
  ...["v1alpha1", "v1beta1"].flatMap((version) =>
    ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"].map((kind) => `rbac.authorization.k8s.io/${version} ${kind}`),
  ),
]);

/** `replace /apiVersion` when the move is only that, and the replacement exists on the target. */
export function apiVersionFix(resource: Resource, status: ApiStatus): Operation[] | undefined {
  const { entry, target } = status;
  if (!entry.replacement || !APIVERSION_ONLY.has(`${resource.apiVersion} ${resource.kind}`)) return undefined;
  const available = entry.replacementAvailableIn === undefined ? undefined : parseKubeVersion(entry.replacementAvailableIn);
  if (!available || compareVersions(available, target) > 0) return undefined;
  if (resource.kind === "PodDisruptionBudget" && !hasSelector(resource)) return undefined;
  return [{ op: "replace", path: "/apiVersion", value: entry.replacement }];
}

/** policy/v1 reads an empty PDB selector as "every pod in the namespace", v1beta1 as "none". */
function hasSelector(resource: Resource): boolean {
  const selector = (resource.object.spec as { selector?: unknown } | undefined)?.selector;
  if (selector === null || typeof selector !== "object") return false;
  const { matchLabels, matchExpressions } = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const labels = matchLabels !== null && typeof matchLabels === "object" ? Object.keys(matchLabels).length : 0;
  const expressions = Array.isArray(matchExpressions) ? matchExpressions.length : 0;
  return labels + expressions > 0;
}
