/** JSON Schema of the `helm:` section of `.github/plumbline.yml` (docs/helm.md says what it means). */

import type { FromSchema } from "json-schema-to-ts";
import type { DeepReadonly } from "../config/deep-readonly.js";

/** Helm's own rule for release names: DNS-1123 labels, at most 53 characters. */
const RELEASE_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

const chart = {
  type: "object",
  additionalProperties: false,
  required: ["path"],
  properties: {
    path: { type: "string", minLength: 1, description: "the chart directory, relative to the repository root" },
    name: { type: "string", minLength: 1, description: "how findings name this value set; by default its values files" },
    releaseName: {
      type: "string",
      pattern: RELEASE_NAME,
      maxLength: 53,
      description: "the release name `helm template` renders with; the chart's name when absent",
    },
    namespace: {
      type: "string",
      pattern: RELEASE_NAME,
      maxLength: 63,
      description: "the namespace `helm template` renders into; `default` when absent",
    },
    values: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description: "values files, relative to the chart directory, in the order `helm -f` takes them",
    },
    set: {
      type: "object",
      description: "`--set`: dotted keys to scalar values, laid over the values files",
      additionalProperties: { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "null" }] },
    },
  },
} as const;

export const HELM_CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    charts: {
      type: "array",
      items: chart,
      description: "each entry is one value set of one chart, rendered and judged on its own",
    },
  },
} as const;

/** One value set of one chart: each is rendered and judged on its own, like a Kustomize overlay. */
export type HelmChartConfig = NonNullable<HelmConfig["charts"]>[number];

/** The `helm:` section as written: derived from the schema above, never written again by hand. */
export type HelmConfig = DeepReadonly<FromSchema<typeof HELM_CONFIG_SCHEMA>>;
