import type { ResourceGraph } from "../../graph/graph.js";
import { isClusterScoped } from "../../k8s/scope.js";
import type { Resource } from "../../manifests/resource.js";
import type { Rule } from "../types.js";

export const namespaceMissing: Rule = {
  id: "namespace-missing",
  title: "Namespace is not declared",
  severity: "info",
  category: "links",
  why: 'Applying an object into a namespace that does not exist fails (namespaces "x" not found), and in a fresh cluster or a new environment nothing else creates it. Declare the Namespace with the manifests, or list namespaces created elsewhere under external.namespaces in the configuration.',
  // a namespace set on a cluster-scoped object is ignored by the API server
  appliesTo: inNamedNamespace,
  check: (resource, { graph }) => {
    const namespace = resource.namespace;
    if (namespace === undefined || namespace === "" || graph.namespaceKnown(namespace)) return [];
    // one missing Namespace is one fix: said once, on the first object that lands in it (among all plain
    // files of the run, or in one rendering), not on each of the fifty objects of the namespace
    const users = usersOf(graph.wider ?? graph, namespace);
    if (users[0] !== undefined && users[0] !== resource) return [];
    const others = users.length - 1;
    const also = others > 0 ? `, nor can the ${others} other ${others === 1 ? "object" : "objects"} in it` : "";
    return [
      {
        path: "/metadata/namespace",
        message: `namespace "${namespace}" has no Namespace object in these manifests, so applying ${resource.kind} "${resource.name}" fails unless it exists${also}; declare it, or list it under external.namespaces if it is created elsewhere`,
      },
    ];
  },
};

function inNamedNamespace(resource: Resource): boolean {
  return resource.namespace !== undefined && resource.namespace !== "" && !isClusterScoped(resource.kind);
}

const byGraph = new WeakMap<ResourceGraph, Map<string, Resource[]>>();

/** The namespaced objects of the graph in each namespace, in input order. */
function usersOf(graph: ResourceGraph, namespace: string): readonly Resource[] {
  let index = byGraph.get(graph);
  if (!index) {
    index = Map.groupBy(graph.resources.filter(inNamedNamespace), (r) => r.namespace as string);
    byGraph.set(graph, index);
  }
  return index.get(namespace) ?? [];
}
