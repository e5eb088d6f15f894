/**
 * The configuration's types, derived from its one JSON Schema (./schema.ts) so the two cannot disagree.
 * A leaf: it imports types only, and rules, graph and config all import it, never each other for types.
 */
import type { FromSchema } from "json-schema-to-ts";
import type { CustomRule } from "../policy/custom-rule.js";
import type { DeepReadonly } from "./deep-readonly.js";

export type { DeepReadonly } from "./deep-readonly.js";

import type { CONFIG_SCHEMA, EXTERNAL_RESOURCE_SCHEMA, RULE_SETTING_OBJECT_SCHEMA } from "./schema.js";

/** `.github/plumbline.yml` as written, once the schema has accepted it. */
export type ConfigFile = DeepReadonly<FromSchema<typeof CONFIG_SCHEMA>>;

/** One rule's setting; `off`, `on` and a bare severity are read as this. */
export type RuleSetting = DeepReadonly<FromSchema<typeof RULE_SETTING_OBJECT_SCHEMA>>;

export type ExternalResource = DeepReadonly<FromSchema<typeof EXTERNAL_RESOURCE_SCHEMA>>;

type Section<K extends keyof ConfigFile> = NonNullable<ConfigFile[K]>;

/** The configuration after validation and defaults: what the doors hand to the core. */
export interface PlumblineConfig {
  readonly kubernetesVersion?: Section<"kubernetesVersion">;
  readonly failOn?: Section<"failOn">;
  /** globs of paths (relative to the repository root) never to check */
  readonly ignore: Section<"ignore">;
  /** per rule id, every form of setting read as the object form */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** `rules.custom`: the repository's own CEL rules, with their defaults filled in */
  readonly customRules?: readonly CustomRule[];
  /** files or directories (relative to the repository root) of ValidatingAdmissionPolicies to apply */
  readonly admissionPolicies?: Section<"admissionPolicies">;
  /** objects that exist but are created outside these manifests */
  readonly external: { readonly [K in keyof Section<"external">]-?: NonNullable<Section<"external">[K]> };
  /** globs of directories (relative to the repository root) whose whole tree is applied together: docs/scopes.md */
  readonly scopes?: Section<"scopes">;
  /** hosts a kustomization's remote resources may be fetched from; nothing remote is built otherwise */
  readonly kustomize?: { readonly remoteHosts: NonNullable<Section<"kustomize">["remoteHosts"]> };
  /** the drift bot's section, its defaults filled in by src/drift/config.ts */
  readonly drift?: Section<"drift">;
  /** charts and the value sets to render each with (docs/helm.md) */
  readonly helm?: Section<"helm">;
}
