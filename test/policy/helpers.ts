import { parseConfig } from "../../src/config/parse.js";
import type { Finding } from "../../src/findings/finding.js";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { Resource } from "../../src/manifests/resource.js";
import { checkPolicies } from "../../src/policy/index.js";

/** The CEL findings (custom rules from `config`, admission policies among the files) for some files. */
export function policyFindings(files: Record<string, string>, config = ""): Finding[] {
  const resources: Resource[] = [];
  for (const [file, text] of Object.entries(files)) resources.push(...parseManifestText(text, file, FILES_SCOPE).resources);
  return checkPolicies({ resources, problems: [], files: Object.keys(files) }, parseConfig(config, ".github/plumbline.yml"));
}
