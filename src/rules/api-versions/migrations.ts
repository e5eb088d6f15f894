/**
 * The fix for an outdated apiVersion: the move to its replacement, with the fields the new version
 * spells differently moved too. Only where the move is certain: the replacement is served at the
 * target version and every field keeps its meaning.
 */
import type { Operation } from "fast-json-patch";
import type { Resource } from "../../manifests/resource.js";
import { HPA_V2, hpaV2Migration } from "./hpa-migration.js";
import { INGRESS_V1, ingressV1Migration } from "./ingress-migration.js";
import { type ApiStatus, replacementServed } from "./lifecycle.js";
import { asObject } from "./migration-values.js";

/**
 * Moves where only the apiVersion changes and every field keeps its meaning. Others (apps/v1 with
 * its required, immutable selector, CRDs, webhooks, EndpointSlice, CSR) need people.
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
  "storage.k8s.io/v1alpha1 VolumeAttributesClass",
  "storage.k8s.io/v1beta1 VolumeAttributesClass",
  ...["v1alpha1", "v1beta1"].flatMap((version) =>
    ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"].map((kind) => `rbac.authorization.k8s.io/${version} ${kind}`),
  ),
]);

/** Moves whose fields migrate too, by the version they lead to. */
const FIELD_MIGRATIONS: Readonly<
  Record<string, { to: string; migrate: (object: Resource["object"]) => Operation[] | undefined }>
> = {
  "autoscaling/v2beta1 HorizontalPodAutoscaler": { to: HPA_V2, migrate: hpaV2Migration },
  "extensions/v1beta1 Ingress": { to: INGRESS_V1, migrate: ingressV1Migration },
  "networking.k8s.io/v1beta1 Ingress": { to: INGRESS_V1, migrate: ingressV1Migration },
};

export function migrationFix(resource: Resource, status: ApiStatus): Operation[] | undefined {
  const { entry } = status;
  if (!entry.replacement || !replacementServed(status)) return undefined;
  const move = `${resource.apiVersion} ${resource.kind}`;
  if (APIVERSION_ONLY.has(move)) {
    if (resource.kind === "PodDisruptionBudget" && !hasSelector(resource)) return undefined;
    return [{ op: "replace", path: "/apiVersion", value: entry.replacement }];
  }
  const migration = Object.hasOwn(FIELD_MIGRATIONS, move) ? FIELD_MIGRATIONS[move] : undefined;
  // the data and the migration must agree on where the move leads
  if (!migration || migration.to !== entry.replacement) return undefined;
  return migration.migrate(resource.object);
}

/** policy/v1 reads an empty PDB selector as "every pod in the namespace", v1beta1 as "none". */
function hasSelector(resource: Resource): boolean {
  const selector = asObject(asObject(resource.object.spec)?.selector);
  if (!selector) return false;
  const labels = asObject(selector.matchLabels);
  const expressions = selector.matchExpressions;
  return (labels ? Object.keys(labels).length : 0) + (Array.isArray(expressions) ? expressions.length : 0) > 0;
}
