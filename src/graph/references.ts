import type { ExternalResource } from "../config/config.js";
import { namespaceOf, systemObject } from "../k8s/namespace.js";
import type { Resource } from "../manifests/resource.js";

/** What a by-name reference resolves to. Partial input is normal, so "missing" means "not in these manifests". */
export type Lookup =
  | { readonly status: "found"; readonly resources: readonly Resource[] }
  | { readonly status: "provided"; readonly by: Resource }
  | { readonly status: "external" }
  /** Kubernetes creates it (kube-root-ca.crt, the default ServiceAccount); `keys` when its keys are fixed */
  | { readonly status: "built-in"; readonly keys?: readonly string[] }
  | { readonly status: "missing" };

/**
 * Objects that make another object exist: an ExternalSecret or SealedSecret produces a Secret, a
 * cert-manager Certificate writes its key pair to one. A reference to that Secret is satisfied.
 */
function providedName(resource: Resource): { kind: string; name: string } | undefined {
  const spec = (resource.object.spec ?? {}) as Record<string, unknown>;
  switch (resource.kind) {
    case "ExternalSecret": {
      const target = (spec.target ?? {}) as { name?: unknown };
      return { kind: "Secret", name: typeof target.name === "string" ? target.name : resource.name };
    }
    case "SealedSecret": {
      const template = (spec.template ?? {}) as { metadata?: { name?: unknown } };
      const name = template.metadata?.name;
      return { kind: "Secret", name: typeof name === "string" ? name : resource.name };
    }
    case "Certificate":
      return typeof spec.secretName === "string" ? { kind: "Secret", name: spec.secretName } : undefined;
    default:
      return undefined;
  }
}

export interface NameIndex {
  lookup(kind: string, namespace: string, name: string): Lookup;
}

const key = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

export function buildNameIndex(resources: readonly Resource[], external: readonly ExternalResource[]): NameIndex {
  const byName = new Map<string, Resource[]>();
  const providers = new Map<string, Resource>();
  for (const resource of resources) {
    const namespace = namespaceOf(resource);
    const k = key(resource.kind, namespace, resource.name);
    const list = byName.get(k);
    if (list) list.push(resource);
    else byName.set(k, [resource]);
    const provided = providedName(resource);
    if (provided) providers.set(key(provided.kind, namespace, provided.name), resource);
  }
  const isExternal = (kind: string, namespace: string, name: string) =>
    external.some((e) => e.kind === kind && e.name === name && (e.namespace === undefined || e.namespace === namespace));
  return {
    lookup(kind, namespace, name) {
      const found = byName.get(key(kind, namespace, name));
      if (found) return { status: "found", resources: found };
      const provider = providers.get(key(kind, namespace, name));
      if (provider) return { status: "provided", by: provider };
      if (isExternal(kind, namespace, name)) return { status: "external" };
      const system = systemObject(kind, namespace, name);
      if (system) return system.keys ? { status: "built-in", keys: system.keys } : { status: "built-in" };
      return { status: "missing" };
    },
  };
}
