import type { PlumblineConfig } from "../config/config.js";
import type { Resource } from "../manifests/resource.js";
import { isAdmissionObject, POLICY_KIND } from "./admission/policy.js";

/**
 * Whether a check has any CEL to run: custom rules, or a ValidatingAdmissionPolicy among the manifests
 * or the configured policies (bindings alone apply nothing). Without any, the CEL side (a third of the
 * CLI's code) is never loaded, and `checkPolicies` would find nothing anyway.
 */
export function needsPolicies(
  resources: readonly Resource[],
  config: Pick<PlumblineConfig, "customRules">,
  policies: readonly Resource[],
): boolean {
  if ((config.customRules?.length ?? 0) > 0) return true;
  const isPolicy = (resource: Resource) => resource.kind === POLICY_KIND && isAdmissionObject(resource);
  return policies.some(isPolicy) || resources.some(isPolicy);
}
