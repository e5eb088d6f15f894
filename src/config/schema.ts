/**
 * JSON Schema of `.github/plumbline.yml`: one schema for the CLI, the Action and the bot. The types the
 * code reads are derived from it (./types.ts), and it is published as docs/schema/plumbline.schema.json
 * for editors (scripts/config-schema.js writes it). Each section is one piece, kept beside the code that
 * reads it where that code has its own folder (drift, helm, custom rules); a new section is one more
 * line in `properties` below.
 */

import { DRIFT_CONFIG_SCHEMA } from "../drift/config-schema.js";
import { HELM_CONFIG_SCHEMA } from "../helm/config-schema.js";
import { CUSTOM_RULE_SCHEMA } from "../policy/custom-rule.js";

/** Where the published schema lives: editors fetch it from here (docs/config.md). */
export const CONFIG_SCHEMA_ID =
  "https://raw.githubusercontent.com/plumbline-dev/plumbline/main/docs/schema/plumbline.schema.json";

const severity = { enum: ["error", "warning", "info"] } as const;

const paths = (description: string) => ({ type: "array", items: { type: "string", minLength: 1 }, description }) as const;

/** The object form of a rule's setting, and what every other form is read as. */
export const RULE_SETTING_OBJECT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    enabled: { type: "boolean", description: "false switches the rule off" },
    severity: { ...severity, description: "the severity its findings get instead of the rule's own" },
  },
} as const;

/** Scalars and objects are told apart first (if/then/else, not anyOf) so an error names the real problem. */
const ruleSetting = {
  description:
    "off or false switches the rule off, on or true keeps it on, error, warning or info sets its severity; or { enabled, severity }",
  if: { type: "object" },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, not a thenable
  then: RULE_SETTING_OBJECT_SCHEMA,
  else: { enum: ["off", "on", "error", "warning", "info", true, false] },
} as const;

const RULES_CONFIG_SCHEMA = {
  type: "object",
  description:
    "Per rule id (docs/rules/): switch a rule off or change its severity; `custom` holds the repository's own CEL rules",
  properties: {
    custom: { type: "array", items: CUSTOM_RULE_SCHEMA, description: "the repository's own CEL rules (docs/rules/custom.md)" },
  },
  additionalProperties: ruleSetting,
} as const;

export const EXTERNAL_RESOURCE_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "name"],
  properties: { kind: { type: "string" }, name: { type: "string" }, namespace: { type: "string" } },
} as const;

const EXTERNAL_CONFIG_SCHEMA = {
  type: "object",
  description: "Objects that exist but are created outside these manifests, so references to them are not reported missing",
  additionalProperties: false,
  properties: {
    namespaces: { type: "array", items: { type: "string" }, description: "namespaces created elsewhere" },
    resources: { type: "array", items: EXTERNAL_RESOURCE_SCHEMA, description: "objects created elsewhere, by kind and name" },
  },
} as const;

const KUSTOMIZE_CONFIG_SCHEMA = {
  type: "object",
  description: "How Kustomize directories are rendered",
  additionalProperties: false,
  properties: {
    remoteHosts: {
      type: "array",
      description:
        "hosts a kustomization's remote resources may be fetched from (`*.example.com` for subdomains); none by default",
      items: { type: "string", minLength: 1, pattern: "^(\\*\\.)?[A-Za-z0-9.:\\[\\]-]+$" },
    },
  },
} as const;

export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: CONFIG_SCHEMA_ID,
  title: "Plumbline configuration (.github/plumbline.yml)",
  description: "Read by the plumbline CLI, the GitHub Action and the drift bot. https://github.com/plumbline-dev/plumbline",
  type: "object",
  additionalProperties: false,
  properties: {
    kubernetesVersion: {
      type: "string",
      pattern: "^v?\\d+\\.\\d+(\\.\\d+)?$",
      description: 'the Kubernetes version the manifests are checked against, quoted: "1.31" (unquoted, 1.30 would read as 1.3)',
    },
    failOn: {
      ...severity,
      description:
        "fail when a finding is at or above this severity (the CLI's --fail-on and the Action's fail-on win); error by default",
    },
    ignore: paths("globs of paths (relative to the repository root) never to check; a trailing / means the whole folder"),
    scopes: paths("globs of directories whose whole tree is applied together (docs/scopes.md)"),
    admissionPolicies: paths("files or folders, inside the repository, of ValidatingAdmissionPolicies to apply to the manifests"),
    kustomize: KUSTOMIZE_CONFIG_SCHEMA,
    rules: RULES_CONFIG_SCHEMA,
    external: EXTERNAL_CONFIG_SCHEMA,
    drift: {
      ...DRIFT_CONFIG_SCHEMA,
      description: "The drift bot: clusters to compare with Git, how often, what to ignore (docs/bot.md)",
    },
    helm: { ...HELM_CONFIG_SCHEMA, description: "Helm charts and the value sets each is rendered with (docs/helm.md)" },
  },
} as const;
