import { isClusterScoped } from "../../k8s/scope.js";
import { parseLabelSelector, selectorMatches } from "../../k8s/selector.js";
import type { Resource } from "../../manifests/resource.js";
import { labelsOf } from "./match.js";
import type { AdmissionBinding, AdmissionPolicy } from "./policy.js";

/**
 * The params objects a binding hands its policy for `subject`, from the manifests: by name or by label
 * selector, in the binding's namespace or else the subject's. `[undefined]` when the policy takes no
 * params; "not-found" when it does and none is among the manifests.
 */
export function paramsFor(
  policy: AdmissionPolicy,
  binding: AdmissionBinding,
  subject: Resource,
  resources: readonly Resource[],
): (Resource | undefined)[] | "not-found" {
  const kind = policy.paramKind;
  if (!kind) return [undefined];
  const ref = binding.paramRef;
  if (!ref) return "not-found";
  const namespace = isClusterScoped(kind.kind)
    ? undefined
    : (ref.namespace ?? (isClusterScoped(subject.kind) ? undefined : (subject.namespace ?? "default")));
  const selector = ref.selector === undefined ? undefined : parseLabelSelector(ref.selector);
  const found = resources.filter((resource) => {
    if (resource.kind !== kind.kind || (kind.apiVersion !== "" && resource.apiVersion !== kind.apiVersion)) return false;
    if (namespace !== undefined && (resource.namespace ?? "default") !== namespace) return false;
    if (ref.name !== undefined) return resource.name === ref.name;
    return selector !== undefined && selectorMatches(selector, labelsOf(resource.object));
  });
  return found.length > 0 ? found : "not-found";
}
