/**
 * What Helm writes on the objects of a release for its own bookkeeping, never decided by the chart's
 * values: the release annotations, the chart label, and `managed-by: Helm`. Drift drops them on both
 * sides before comparing, as it drops kubectl's and Argo CD's marks (src/drift/strip.ts).
 */
import type { KubeObject } from "../manifests/resource.js";

const HELM_ANNOTATION_PREFIX = "meta.helm.sh/";

export function isHelmBookkeeping(kind: "labels" | "annotations", key: string, value: unknown): boolean {
  if (kind === "annotations") return key.startsWith(HELM_ANNOTATION_PREFIX);
  return key === "helm.sh/chart" || (key === "app.kubernetes.io/managed-by" && value === "Helm");
}

/** The map without Helm's bookkeeping; the same map when it holds none (nothing copied). */
export function withoutHelmBookkeeping(kind: "labels" | "annotations", map: KubeObject): KubeObject {
  if (!Object.entries(map).some(([key, value]) => isHelmBookkeeping(kind, key, value))) return map;
  return Object.fromEntries(Object.entries(map).filter(([key, value]) => !isHelmBookkeeping(kind, key, value)));
}
