/** JSON Schema of `.github/plumbline.yml`: one schema for the CLI, the Action and the bot. */

import { DRIFT_CONFIG_SCHEMA } from "../drift/config-schema.js";
import { HELM_CONFIG_SCHEMA } from "../helm/config-schema.js";
import { CUSTOM_RULE_SCHEMA } from "../policy/custom-rule.js";

const severity = { enum: ["error", "warning", "info"] };

/** Scalars and objects are told apart first (if/then/else, not anyOf) so an error names the real problem. */
const ruleSetting = {
  if: { type: "object" },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, not a thenable
  then: {
    type: "object",
    additionalProperties: false,
    properties: { enabled: { type: "boolean" }, severity },
  },
  else: { enum: ["off", "on", "error", "warning", "info", true, false] },
};

export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    kubernetesVersion: { type: "string", pattern: "^v?\\d+\\.\\d+(\\.\\d+)?$" },
    failOn: severity,
    ignore: { type: "array", items: { type: "string", minLength: 1 } },
    scopes: { type: "array", items: { type: "string", minLength: 1 } },
    admissionPolicies: { type: "array", items: { type: "string", minLength: 1 } },
    kustomize: {
      type: "object",
      additionalProperties: false,
      properties: {
        remoteHosts: { type: "array", items: { type: "string", minLength: 1, pattern: "^(\\*\\.)?[A-Za-z0-9.:\\[\\]-]+$" } },
      },
    },
    rules: {
      type: "object",
      properties: { custom: { type: "array", items: CUSTOM_RULE_SCHEMA } },
      additionalProperties: ruleSetting,
    },
    external: {
      type: "object",
      additionalProperties: false,
      properties: {
        namespaces: { type: "array", items: { type: "string" } },
        resources: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["kind", "name"],
            properties: { kind: { type: "string" }, name: { type: "string" }, namespace: { type: "string" } },
          },
        },
      },
    },
    drift: DRIFT_CONFIG_SCHEMA,
    helm: HELM_CONFIG_SCHEMA,
  },
} as const;
