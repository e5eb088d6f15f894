import type { Resource } from "../manifests/resource.js";

/** `appliesTo` for rules about a fixed set of kinds. */
export function kinds(...names: string[]): (resource: Resource) => boolean {
  const set = new Set(names);
  return (resource) => set.has(resource.kind);
}
