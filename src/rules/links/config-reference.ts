/** What configmap-ref-missing and secret-ref-missing share: one check, two kinds of object. */
import { namespaceOf } from "../../graph/workloads.js";
import { type ConfigKind, type ConfigReference, configReferences, keysOf } from "../../k8s/config-references.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, RuleContext } from "../types.js";

/** Every reference of the kind that will stop the pod: an object not in these manifests, or a key it lacks. */
export function missingReferenceHits(resource: Resource, { graph }: RuleContext, kind: ConfigKind): Hit[] {
  const namespace = namespaceOf(resource);
  return configReferences(resource)
    .filter((ref) => ref.kind === kind && !ref.optional)
    .flatMap((ref): Hit[] => {
      const found = graph.lookup(kind, namespace, ref.name);
      if (found.status === "missing") {
        return [
          {
            path: ref.namePath,
            message: `${ref.user} needs ${kind} "${ref.name}", which is not found in these manifests (namespace "${namespace}"): ${consequence(ref)} unless it is created elsewhere; declare it under external in the configuration if so, or set optional: true`,
          },
        ];
      }
      // one Kubernetes publishes (kube-root-ca.crt) has the keys it always has
      if (found.status === "built-in") return found.keys ? missingKeys(ref, new Set(found.keys)) : [];
      // an object generated elsewhere (ExternalSecret, SealedSecret) has keys we cannot see
      if (found.status !== "found") return [];
      return missingKeys(ref, new Set(found.resources.flatMap((object) => [...keysOf(object.object, ref.kind)])));
    });
}

function missingKeys(ref: ConfigReference, keys: ReadonlySet<string>): Hit[] {
  // an object without any keys is a placeholder its data is written into by something else
  if (keys.size === 0) return [];
  return ref.keys
    .filter((wanted) => !keys.has(wanted.key))
    .map((wanted) => ({
      path: wanted.path,
      message: `${ref.user} needs key "${wanted.key}" of ${ref.kind} "${ref.name}", which has only ${[...keys].map((k) => `"${k}"`).join(", ")}: ${consequence(ref)}`,
    }));
}

function consequence(ref: ConfigReference): string {
  return ref.via === "env"
    ? "the container cannot start (CreateContainerConfigError)"
    : "the pod cannot start, since the volume cannot be mounted";
}
