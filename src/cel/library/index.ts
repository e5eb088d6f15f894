import type { CelFunc } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { COMPARISON_FUNCS } from "./comparable.js";
import { FORMAT_FUNCS } from "./format.js";
import { IP_FUNCS } from "./ip.js";
import { limited } from "./limits.js";
import { LIST_FUNCS } from "./lists.js";
import { OPTIONAL_FUNCS } from "./optional.js";
import { QUANTITY_FUNCS } from "./quantity.js";
import { REGEX_FUNCS } from "./regex.js";
import { SEMVER_FUNCS } from "./semver.js";
import { SET_AND_LIST_FUNCS } from "./sets-lists.js";
import { URL_FUNCS } from "./urls.js";

/** The functions Kubernetes adds to standard CEL that Plumbline implements (docs/rules/custom.md lists the rest). */
export const KUBERNETES_FUNCS: readonly CelFunc[] = [
  ...limited(strings),
  ...LIST_FUNCS,
  ...SET_AND_LIST_FUNCS,
  ...REGEX_FUNCS,
  ...QUANTITY_FUNCS,
  ...SEMVER_FUNCS,
  ...COMPARISON_FUNCS,
  ...URL_FUNCS,
  ...IP_FUNCS,
  ...OPTIONAL_FUNCS,
  ...FORMAT_FUNCS,
];
