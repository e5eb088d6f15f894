import type { ExternalResource } from "../config/types.js";
import { BUILT_IN_NAMESPACES, namespaceOf } from "../k8s/namespace.js";
import { isClusterScoped } from "../k8s/scope.js";
import { type LabelSelector, parseLabelSelector, parseLabels } from "../k8s/selector.js";
import { apiGroup, type Resource } from "../manifests/resource.js";
import { namespacesCreated } from "./namespaces.js";
import { buildNameIndex, type Lookup } from "./references.js";
import { isPlainScope, lineages, plainDirOf, type TreeOf } from "./scopes.js";
import { customPodTemplate, type PodTemplate, selectsPods, toWorkload, type Workload } from "./workloads.js";

/**
 * The resources of one scope, indexed once per run. Rules about links between objects read this and
 * never scan files themselves.
 */
export interface ResourceGraph {
  readonly resources: readonly Resource[];
  readonly workloads: readonly Workload[];
  /**
   * For plain files: the graph of every plain file of the run, where a by-name reference that this scope
   * cannot resolve is looked up (docs/scopes.md). A name in a namespace is one object in a cluster, so
   * a ConfigMap or an HPA's target in a sibling folder is that object; a label selector matching pods in
   * a sibling folder is a coincidence, so selectors are never judged here.
   */
  readonly wider?: ResourceGraph;
  /** the resources of one file, in document order */
  inFile(file: string): readonly Resource[];
  /** every resource with this identity (API group, kind, namespace, name), in input order; no namespace is `default` */
  withIdentity(resource: Resource): readonly Resource[];
  /** the workload view of a resource, when it has pods */
  workloadOf(resource: Resource): Workload | undefined;
  /** resolves a by-name reference; "missing" only means "not in these manifests" nor one Kubernetes creates */
  lookup(kind: string, namespace: string, name: string): Lookup;
  ofKind(kind: string, namespace?: string): readonly Resource[];
  /**
   * Workloads in the namespace whose pods the selector picks. Here and in `selecting` and
   * `customPodTemplatesSelectedBy`, requirements on labels the controller adds to its pods count as met.
   */
  workloadsSelectedBy(namespace: string, selector: LabelSelector): readonly Workload[];
  /** the Services, PodDisruptionBudgets and NetworkPolicies whose selectors pick the workload's pods */
  selecting(workload: Workload, kind: "Service" | "PodDisruptionBudget" | "NetworkPolicy"): readonly Resource[];
  /** HorizontalPodAutoscalers whose scaleTargetRef names the workload */
  autoscalersOf(workload: Workload): readonly Resource[];
  /**
   * a Namespace object anywhere in the input (namespaces are cluster-wide, so every scope counts), one a
   * GitOps controller creates, one the configuration declares, or one every cluster has
   */
  namespaceKnown(namespace: string): boolean;
  /**
   * Custom resources in the namespace with a pod template whose labels the selector picks (Argo
   * Rollouts, OpenKruise): they create pods the graph does not model as workloads.
   */
  customPodTemplatesSelectedBy(namespace: string, selector: LabelSelector): readonly Resource[];
}

export interface GraphOptions {
  readonly external?: { readonly namespaces?: readonly string[]; readonly resources?: readonly ExternalResource[] };
  /** namespaces that exist because other scopes of the run create them */
  readonly namespaces?: ReadonlySet<string>;
  /** where by-name references this graph cannot resolve are looked up */
  readonly wider?: ResourceGraph;
  /** directory trees the configuration says are applied together (`scopes:`) */
  readonly treeOf?: TreeOf;
}

/** The selector a Service, PDB or NetworkPolicy uses to pick pods, as a LabelSelector. */
export function podSelectorOf(resource: Resource): LabelSelector | undefined {
  const spec = (resource.object.spec ?? {}) as Record<string, unknown>;
  switch (resource.kind) {
    case "Service": {
      // a Service selects with a plain map; without one it selects nothing (its endpoints are managed by hand)
      const labels = parseLabels(spec.selector);
      return labels && Object.keys(labels).length > 0 ? { matchLabels: labels, matchExpressions: [] } : undefined;
    }
    case "PodDisruptionBudget":
      return parseLabelSelector(spec.selector);
    case "NetworkPolicy":
      return parseLabelSelector(spec.podSelector ?? {});
    default:
      return undefined;
  }
}

export function buildGraph(resources: readonly Resource[], options: GraphOptions = {}): ResourceGraph {
  const byIdentity = Map.groupBy(resources, identityOf);
  const byFile = Map.groupBy(resources, (r) => r.source.file);
  const byKind = Map.groupBy(resources, (r) => r.kind);
  const workloadByResource = new Map<Resource, Workload>();
  for (const resource of resources) {
    const workload = toWorkload(resource);
    if (workload) workloadByResource.set(resource, workload);
  }
  const workloads = [...workloadByResource.values()];
  const names = buildNameIndex(resources, options.external?.resources ?? []);
  const namespaces = new Set([
    ...BUILT_IN_NAMESPACES,
    ...(options.external?.namespaces ?? []),
    ...(options.namespaces ?? []),
    ...namespacesCreated(resources),
  ]);

  const customTemplates = resources.map(customPodTemplate).filter((t): t is PodTemplate => t !== undefined);

  // indexes by namespace, so a query costs what its namespace holds, not what the whole scope holds
  const byKindInNamespace = Map.groupBy(resources, (r) => `${r.kind}\u0000${namespaceOf(r)}`);
  const inNamespace = (kind: string, namespace: string) => byKindInNamespace.get(`${kind}\u0000${namespace}`) ?? [];
  const workloadsByNamespace = Map.groupBy(workloads, (w) => w.namespace);
  const customByNamespace = Map.groupBy(customTemplates, (custom) => namespaceOf(custom.resource));
  const selectors = new Map<Resource, LabelSelector | undefined>();
  const selectorOf = (resource: Resource) => {
    if (!selectors.has(resource)) selectors.set(resource, podSelectorOf(resource));
    return selectors.get(resource);
  };

  const workloadsSelectedBy = (namespace: string, selector: LabelSelector) =>
    (workloadsByNamespace.get(namespace) ?? []).filter((w) => selectsPods(selector, w));

  return {
    ...(options.wider ? { wider: options.wider } : {}),
    resources,
    workloads,
    inFile: (file) => byFile.get(file) ?? [],
    withIdentity: (resource) => byIdentity.get(identityOf(resource)) ?? [],
    workloadOf: (resource) => workloadByResource.get(resource),
    lookup: (kind, namespace, name) => {
      const found = names.lookup(kind, namespace, name);
      return found.status === "missing" && options.wider ? options.wider.lookup(kind, namespace, name) : found;
    },
    ofKind: (kind, namespace) => (namespace === undefined ? (byKind.get(kind) ?? []) : inNamespace(kind, namespace)),
    workloadsSelectedBy,
    selecting: (workload, kind) =>
      inNamespace(kind, workload.namespace).filter((candidate) => {
        const selector = selectorOf(candidate);
        return selector !== undefined && selectsPods(selector, workload);
      }),
    autoscalersOf: (workload) =>
      inNamespace("HorizontalPodAutoscaler", workload.namespace).filter((hpa) => {
        const target = ((hpa.object.spec ?? {}) as { scaleTargetRef?: { kind?: unknown; name?: unknown } }).scaleTargetRef;
        return target?.kind === workload.resource.kind && target?.name === workload.resource.name;
      }),
    namespaceKnown: (namespace) => namespaces.has(namespace),
    customPodTemplatesSelectedBy: (namespace, selector) =>
      (customByNamespace.get(namespace) ?? []).filter((custom) => selectsPods(selector, custom)).map((custom) => custom.resource),
  };
}

/**
 * API group, kind, namespace and name: what makes two manifests one object in the cluster. The API
 * server ignores the namespace of a cluster-scoped object, so it is no part of that one's identity.
 */
function identityOf(resource: Resource): string {
  const namespace = isClusterScoped(resource.kind) ? "" : namespaceOf(resource);
  return `${apiGroup(resource.apiVersion)}/${resource.kind}/${namespace}/${resource.name}`;
}

const LINEAGE_BUDGET_PER_RESOURCE = 8;
const LINEAGE_BUDGET_BASE = 20_000;

/** The graph each resource's links are judged in. */
export interface ScopedGraphs {
  of(resource: Resource): ResourceGraph | undefined;
}

/**
 * One graph per scope (docs/scopes.md): a Kustomize rendering sees only itself, a plain file sees its
 * directory's lineage (the directories above and below it, or the configured tree that holds it).
 * Namespaces are the exception: one declared anywhere in the run counts everywhere.
 */
export function buildGraphs(resources: readonly Resource[], options: GraphOptions = {}): ScopedGraphs {
  const withNamespaces: GraphOptions = {
    ...options,
    namespaces: new Set([...(options.namespaces ?? []), ...namespacesCreated(resources)]),
  };
  const byScope = Map.groupBy(resources, (r) => r.scope);
  const graphs = new Map<string, ResourceGraph>();
  const memo = (key: string, make: () => readonly Resource[]) => {
    let graph = graphs.get(key);
    if (!graph) {
      graph = buildGraph(make(), withNamespaces);
      graphs.set(key, graph);
    }
    return graph;
  };
  const plain = resources.filter((r) => isPlainScope(r.scope));
  const dirOf = (resource: Resource) => plainDirOf(resource, options.treeOf);
  const lineageOf = lineages(plain, dirOf);
  // lineages overlap (a directory's holds those of the directories above it): past a budget linear in
  // the input, a deeply nested tree is judged as one scope rather than in time quadratic in its depth
  let budget = LINEAGE_BUDGET_PER_RESOURCE * plain.length + LINEAGE_BUDGET_BASE;
  let everyPlainFile: ResourceGraph | undefined;
  const wider = () => {
    everyPlainFile ??= buildGraph(plain, withNamespaces);
    return everyPlainFile;
  };
  return {
    of: (resource) => {
      if (isPlainScope(resource.scope)) {
        const key = `files:${dirOf(resource)}`;
        if (!graphs.has(key)) {
          const lineage = budget > 0 ? lineageOf(dirOf(resource)) : plain;
          budget -= lineage.length;
          const whole = lineage.length === plain.length;
          graphs.set(key, whole ? wider() : buildGraph(lineage, { ...withNamespaces, wider: wider() }));
        }
        return graphs.get(key);
      }
      if (!byScope.has(resource.scope)) return undefined;
      return memo(`scope:${resource.scope}`, () => byScope.get(resource.scope) ?? []);
    },
  };
}
