import { imageTagLatest } from "./images/image-tag-latest.js";
import { fileSkipped } from "./input/file-skipped.js";
import { yamlSyntaxError } from "./input/yaml-syntax-error.js";
import { livenessProbeMissing } from "./probes/liveness-probe-missing.js";
import { memoryLimitBelowRequest } from "./resources/memory-limit-below-request.js";
import type { InputRule, Rule } from "./types.js";

/** Every rule about the input itself. */
export const INPUT_RULES: readonly InputRule[] = [yamlSyntaxError, fileSkipped];

/** Every rule about Kubernetes objects, in the order the catalogue documents them. */
export const RULES: readonly Rule[] = [livenessProbeMissing, memoryLimitBelowRequest, imageTagLatest];

export const ALL_RULES: readonly (Rule | InputRule)[] = [...INPUT_RULES, ...RULES];

export function findRule(id: string): Rule | InputRule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
