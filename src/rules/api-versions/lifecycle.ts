/**
 * Where an apiVersion stands on the version a manifest is checked against: removed, deprecated, or
 * fine. Kubernetes APIs are judged against the target Kubernetes version; add-ons (cert-manager,
 * Istio) count their own versions, so they are judged against the newest release the data knows.
 */
import { compareVersions, type KubeVersion, parseKubeVersion } from "../../k8s/versions.js";
import type { Resource } from "../../manifests/resource.js";
import { API_LIFECYCLES, type ApiLifecycle, NEWEST_VERSION } from "./api-data.js";

export type ApiStage = "removed" | "deprecated";

export interface ApiStatus {
  readonly stage: ApiStage;
  /**
   * The lifecycle entry of the object's apiVersion, its replacement resolved to the newest version the
   * target serves: a replacement that is itself removed or deprecated there is followed to its own.
   */
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
  const stage: ApiStage | undefined = reached(entry.removedIn, target)
    ? "removed"
    : reached(entry.deprecatedIn, target)
      ? "deprecated"
      : undefined;
  return stage ? { stage, entry: withNewestReplacement(entry, resource.kind, target), target } : undefined;
}

/**
 * The entry with its replacement moved along the chain (cert-manager v1alpha1 → v1alpha2 → v1) while
 * the replacement is itself removed or deprecated at the target and its own replacement is served
 * there: advice never names a version Plumbline would report in turn. Chains stay within one
 * component, so the entry's target judges every step; a cycle in the data ends the walk.
 */
function withNewestReplacement(entry: ApiLifecycle, kindName: string, target: KubeVersion): ApiLifecycle {
  let current = entry;
  const seen = new Set([entry.apiVersion]);
  for (;;) {
    const replacement = current.replacement;
    if (!replacement || seen.has(replacement)) return current;
    seen.add(replacement);
    const next = lifecycleOf(replacement, kindName);
    if (!next?.replacement || next.component !== entry.component) return current;
    if (!reached(next.removedIn, target) && !reached(next.deprecatedIn, target)) return current;
    if (next.replacementAvailableIn !== undefined && !reached(next.replacementAvailableIn, target)) return current;
    const { replacementAvailableIn, ...rest } = current;
    current = {
      ...rest,
      replacement: next.replacement,
      ...(next.replacementAvailableIn === undefined ? {} : { replacementAvailableIn: next.replacementAvailableIn }),
    };
  }
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
  const { entry } = status;
  if (!entry.replacement) return "it has no replacement";
  if (!replacementServed(status)) {
    return `move to ${entry.replacement} once on ${componentVersion(entry, entry.replacementAvailableIn)}`;
  }
  return `use ${entry.replacement}`;
}

/**
 * Whether the target serves the replacement. Without `replacementAvailableIn` it counts as served: a
 * status only exists from the deprecation release on, and of the moves that get a fix
 * (migrations.ts), every one the data leaves the date out for had its replacement by then: rbac v1
 * since 1.8 for the v1beta1 kinds (deprecated 1.17), autoscaling/v2 since 1.23 for v2beta2
 * (deprecated 1.23), scheduling v1 since 1.14 for PriorityClass v1alpha1 (deprecated 1.14). The data
 * leaves it out elsewhere too (flowcontrol v1beta1 → v1, which came in 1.29): those moves get no fix.
 */
export function replacementServed(status: ApiStatus): boolean {
  const { entry, target } = status;
  if (!entry.replacement) return false;
  if (entry.replacementAvailableIn === undefined) return true;
  const available = parseKubeVersion(entry.replacementAvailableIn);
  return available !== undefined && compareVersions(available, target) <= 0;
}
