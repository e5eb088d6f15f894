import type { PlumblineConfig } from "../config/config.js";
import type { Finding } from "../findings/finding.js";
import type { ManifestSet, Resource } from "../manifests/resource.js";
import { runAdmissionPolicies } from "./admission/apply.js";
import { CelObjects } from "./cel-objects.js";
import { runCustomRules } from "./custom-rules.js";

/**
 * The CEL side of a check, after the built-in catalogue: the repository's own rules (`rules.custom`)
 * and the ValidatingAdmissionPolicies found among the manifests (or named by `admissionPolicies`).
 */
export function checkPolicies(
  manifests: ManifestSet,
  config: Pick<PlumblineConfig, "customRules">,
  /** policies and bindings read from the configuration's `admissionPolicies`, applied like those in the manifests */
  policies: readonly Resource[] = [],
): Finding[] {
  const objects = new CelObjects();
  return [
    ...runCustomRules(config.customRules ?? [], manifests.resources, objects),
    ...runAdmissionPolicies(manifests.resources, objects, policies),
  ];
}
