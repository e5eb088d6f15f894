import { identityKey, type Resource } from "../manifests/resource.js";

/**
 * The resources of one scope, indexed once per run so that rules about links between objects never
 * scan files themselves.
 */
export interface ResourceGraph {
  readonly resources: readonly Resource[];
  /** every resource with this identity (API group, kind, namespace, name), in input order */
  withIdentity(resource: Resource): readonly Resource[];
}

export function buildGraph(resources: readonly Resource[]): ResourceGraph {
  const byIdentity = new Map<string, Resource[]>();
  for (const resource of resources) {
    const key = identityKey(resource);
    const list = byIdentity.get(key);
    if (list) list.push(resource);
    else byIdentity.set(key, [resource]);
  }
  return {
    resources,
    withIdentity: (resource) => byIdentity.get(identityKey(resource)) ?? [],
  };
}

/** One graph per scope: two overlays or two environment directories never see each other. */
export function buildGraphs(resources: readonly Resource[]): Map<string, ResourceGraph> {
  const byScope = new Map<string, Resource[]>();
  for (const resource of resources) {
    const list = byScope.get(resource.scope);
    if (list) list.push(resource);
    else byScope.set(resource.scope, [resource]);
  }
  return new Map([...byScope].map(([scope, list]) => [scope, buildGraph(list)]));
}
