/**
 * Objects other than modelled workloads that run pods a selector may be written for: custom
 * controllers with a pod template (an Argo Rollout), known operators' resources (a Prometheus, a
 * Kafka) and custom resources of operators Plumbline does not know that could own the pods. Rules that
 * say "this selector matches no pods" ask here before they speak.
 */
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
