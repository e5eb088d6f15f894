import type { CelFunc } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { LIST_FUNCS } from "./lists.js";
import { REGEX_FUNCS } from "./regex.js";

/** The functions Kubernetes adds to standard CEL that Plumbline implements (docs/rules/custom.md lists the rest). */
export const KUBERNETES_FUNCS: readonly CelFunc[] = [...strings, ...LIST_FUNCS, ...REGEX_FUNCS];
