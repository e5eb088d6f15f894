import { apiDeprecated } from "./api-versions/api-deprecated.js";
import { apiRemoved } from "./api-versions/api-removed.js";
import { imageTagLatest } from "./images/image-tag-latest.js";
import { duplicateResource } from "./input/duplicate-resource.js";
import { fileSkipped } from "./input/file-skipped.js";
import { yamlSyntaxError } from "./input/yaml-syntax-error.js";
import { selectorMismatch } from "./links/selector-mismatch.js";
import { livenessEqualsReadiness } from "./probes/liveness-equals-readiness.js";
import { livenessProbeMissing } from "./probes/liveness-probe-missing.js";
import { readinessProbeMissing } from "./probes/readiness-probe-missing.js";
import { cpuRequestMissing } from "./resources/cpu-request-missing.js";
import { memoryLimitBelowRequest } from "./resources/memory-limit-below-request.js";
import { memoryLimitMissing } from "./resources/memory-limit-missing.js";
import { memoryRequestMissing } from "./resources/memory-request-missing.js";
import { secretDataCommitted } from "./secrets/secret-data-committed.js";
import { secretInEnv } from "./secrets/secret-in-env.js";
import { privilegeEscalationAllowed } from "./security/privilege-escalation-allowed.js";
import { privilegedContainer } from "./security/privileged-container.js";
import { runAsRoot } from "./security/run-as-root.js";
import type { InputRule, Rule } from "./types.js";

/** Every rule about the input itself. */
export const INPUT_RULES: readonly InputRule[] = [yamlSyntaxError, fileSkipped];

/** Every rule about Kubernetes objects, in the order the catalogue documents them. */
export const RULES: readonly Rule[] = [
  duplicateResource,
  apiRemoved,
  apiDeprecated,
  livenessProbeMissing,
  readinessProbeMissing,
  livenessEqualsReadiness,
  cpuRequestMissing,
  memoryRequestMissing,
  memoryLimitMissing,
  memoryLimitBelowRequest,
  imageTagLatest,
  secretInEnv,
  secretDataCommitted,
  runAsRoot,
  privilegedContainer,
  privilegeEscalationAllowed,
  selectorMismatch,
];

export const ALL_RULES: readonly (Rule | InputRule)[] = [...INPUT_RULES, ...RULES];

export function findRule(id: string): Rule | InputRule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
