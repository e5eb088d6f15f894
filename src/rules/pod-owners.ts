/**
 * Objects other than modelled workloads that run pods a selector may be written for: custom
 * controllers with a pod template (an Argo Rollout), known operators' resources (a Prometheus, a
 * Kafka) and custom resources of operators Plumbline does not know that could own the pods. Rules that
 * say "this selector matches no pods" ask here before they speak.
 */
import path from "node:path";
import type { ResourceGraph } from "../graph/graph.js";
import { namespaceOf } from "../k8s/namespace.js";
import { type OperatorPodGroup, operatorPodGroups, unknownOperatorCouldOwn } from "../k8s/operator-pods.js";
import { type LabelSelector, selectorMatches } from "../k8s/selector.js";
import type { Resource } from "../manifests/resource.js";

interface NamespaceOwners {
  /** resources of known operators, with the pods each runs */
  readonly known: { readonly resource: Resource; readonly groups: readonly OperatorPodGroup[] }[];
  /** every other resource of the namespace */
  readonly others: Resource[];
}

/** Per graph and namespace, computed once: a run asks for every Service and PDB of the scope. */
const CACHE = new WeakMap<ResourceGraph, Map<string, NamespaceOwners>>();

function ownersIn(graph: ResourceGraph, namespace: string): NamespaceOwners {
  let byNamespace = CACHE.get(graph);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const resource of graph.resources) {
      const key = namespaceOf(resource);
      const entry: NamespaceOwners = byNamespace.get(key) ?? { known: [], others: [] };
      const groups = operatorPodGroups(resource);
      if (groups) entry.known.push({ resource, groups });
      else entry.others.push(resource);
      byNamespace.set(key, entry);
    }
    CACHE.set(graph, byNamespace);
  }
  return byNamespace.get(namespace) ?? { known: [], others: [] };
}

/**
 * The objects of the namespace, other than modelled workloads, whose pods the selector picks or may
 * pick. Empty means: nothing in these manifests explains the selector.
 */
export function podOwnersSelectedBy(graph: ResourceGraph, namespace: string, selector: LabelSelector): Resource[] {
  const custom = graph.customPodTemplatesSelectedBy(namespace, selector);
  if (custom.length > 0) return [...custom];
  const { known, others } = ownersIn(graph, namespace);
  const operators = known
    .filter(({ groups }) => groups.some((group) => selectorMatches(selector, group.labels, group.open)))
    .map(({ resource }) => resource);
  if (operators.length > 0) return operators;
  return others.filter((resource) => unknownOperatorCouldOwn(resource, selector));
}

/**
 * Whether any pods the namespace's manifests make (workloads' and known operators') share a label key
 * or value with the selector. When none does, the selector is written for pods of another origin (a
 * Helm chart installed by hand, another repository) and the unrelated workloads next to it are no
 * evidence that it is wrong; a typo keeps the key or the value, so a real mismatch still shares one.
 */
export function hasRelatedPods(graph: ResourceGraph, namespace: string, selector: LabelSelector): boolean {
  const keys = new Set([...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((r) => r.key)]);
  const values = new Set([
    ...Object.values(selector.matchLabels),
    ...selector.matchExpressions.flatMap((r) => (r.operator === "In" ? r.values : [])),
  ]);
  const related = (labels: Readonly<Record<string, string>>) =>
    Object.entries(labels).some(([key, value]) => keys.has(key) || values.has(value));
  return (
    graph.workloads.some((workload) => workload.namespace === namespace && related(workload.podLabels)) ||
    ownersIn(graph, namespace).known.some(({ groups }) => groups.some((group) => related(group.labels)))
  );
}

/**
 * Whether a template skipped unread sits in the resource's directory: the pods a selector is written
 * for may be in it (a ReplicationController template rendered by a script), so "matches nothing" is
 * not known.
 */
export function templateBeside(resource: Resource, templateFiles: readonly string[] | undefined): boolean {
  const dir = path.dirname(resource.source.file);
  return (templateFiles ?? []).some((file) => path.dirname(file) === dir);
}
