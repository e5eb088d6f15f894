import { isClusterScoped } from "../../k8s/scope.js";
import type { Rule } from "../types.js";

export const namespaceMissing: Rule = {
  id: "namespace-missing",
  title: "Namespace is not declared",
  severity: "info",
  category: "links",
  why: 'Applying an object into a namespace that does not exist fails (namespaces "x" not found), and in a fresh cluster or a new environment nothing else creates it. Declare the Namespace with the manifests, or list namespaces created elsewhere under external.namespaces in the configuration.',
  // a namespace set on a cluster-scoped object is ignored by the API server
  appliesTo: (resource) => resource.namespace !== undefined && !isClusterScoped(resource.kind),
  check: (resource, { graph }) => {
    const namespace = resource.namespace;
    if (namespace === undefined || namespace === "" || graph.namespaceKnown(namespace)) return [];
    return [
      {
        path: "/metadata/namespace",
        message: `namespace "${namespace}" has no Namespace object in these manifests, so applying ${resource.kind} "${resource.name}" fails unless it exists; declare it, or list it under external.namespaces if it is created elsewhere`,
      },
    ];
  },
};
