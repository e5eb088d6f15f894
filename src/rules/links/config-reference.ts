/** What configmap-ref-missing and secret-ref-missing share: one check, two kinds of object. */
import { namespaceOf } from "../../graph/workloads.js";
import { type ConfigKind, type ConfigReference, configReferences, keysOf } from "../../k8s/config-references.js";
import { containersOf } from "../../k8s/workload.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, RuleContext } from "../types.js";

/** Every reference of the kind that will stop the pod: an object not in these manifests, or a key it lacks. */
export function missingReferenceHits(resource: Resource, { graph }: RuleContext, kind: ConfigKind): Hit[] {
  const namespace = namespaceOf(resource);
  return configReferences(resource)
    .filter((ref) => ref.kind === kind && !ref.optional)
    .flatMap((ref): Hit[] => {
      const found = graph.lookup(kind, namespace, ref.name);
      if (found.status === "missing" && !namedByAnotherWorkload(graph, resource, namespace, kind, ref.name)) {
        return [
          {
            path: ref.namePath,
            message: `${ref.user} needs ${kind} "${ref.name}", which is not found in these manifests (namespace "${namespace}"): ${consequence(ref)} unless it is created elsewhere; declare it under external in the configuration if so, or set optional: true`,
          },
        ];
      }
      if (found.status === "missing") return [];
      // one Kubernetes publishes (kube-root-ca.crt) has the keys it always has
      if (found.status === "built-in") return found.keys ? missingKeys(ref, new Set(found.keys)) : [];
      // an object generated elsewhere (ExternalSecret, SealedSecret) has keys we cannot see
      if (found.status !== "found") return [];
      return missingKeys(ref, new Set(found.resources.flatMap((object) => [...keysOf(object.object, ref.kind)])));
    });
}

/**
 * Whether a workload of the namespace names the object on its command line as a flag of its kind
 * (`--secret-name=ingress-nginx-admission`, `--configmap my-config`): a certificate generator or an
 * operator that creates it at run time, as ingress-nginx's admission Job creates its webhook Secret.
 */
function namedByAnotherWorkload(
  graph: RuleContext["graph"],
  resource: Resource,
  namespace: string,
  kind: ConfigKind,
  name: string,
): boolean {
  const flagWord = kind === "Secret" ? "secret" : "configmap";
  return graph.workloads.some(
    (workload) =>
      workload.resource !== resource &&
      workload.namespace === namespace &&
      containersOf(workload.resource, ["container", "init"]).some((ref) => {
        const words = [ref.container.command, ref.container.args]
          .flatMap((list) => (Array.isArray(list) ? list : []))
          .filter((word): word is string => typeof word === "string")
          .flatMap((word) => word.split(/\s+/));
        return words.some((word, index) => {
          const [flag, value] = word.includes("=")
            ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
            : [word, words[index + 1]];
          return flag.startsWith("-") && flag.toLowerCase().replaceAll(/[-_]/g, "").includes(flagWord) && value === name;
        });
      }),
  );
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
