import type { PlumblineConfig } from "../config/config.js";
import type { Finding } from "../findings/finding.js";
import type { ManifestSet } from "../manifests/resource.js";
import { runAdmissionPolicies } from "./admission/apply.js";
import { CelObjects } from "./cel-objects.js";
import { runCustomRules } from "./custom-rules.js";

/**
 * The CEL side of a check, after the built-in catalogue: the repository's own rules (`rules.custom`)
 * and the ValidatingAdmissionPolicies found among the manifests.
 */
export function checkPolicies(manifests: ManifestSet, config: Pick<PlumblineConfig, "customRules">): Finding[] {
  const objects = new CelObjects();
  return [
    ...runCustomRules(config.customRules ?? [], manifests.resources, objects),
    ...runAdmissionPolicies(manifests.resources, objects),
  ];
}
