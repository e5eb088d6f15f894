import type { Severity } from "../findings/finding.js";
import type { HelmConfig } from "../helm/config-schema.js";
import type { CustomRule } from "../policy/custom-rule.js";
import type { RuleSetting } from "../rules/engine.js";

export interface ExternalResource {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The configuration after validation and defaults: what the doors hand to the core. */
export interface PlumblineConfig {
  readonly kubernetesVersion?: string;
  readonly failOn?: Severity;
  /** globs of paths (relative to the repository root) never to check */
  readonly ignore: readonly string[];
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** `rules.custom`: the repository's own CEL rules */
  readonly customRules?: readonly CustomRule[];
  /** files or directories (relative to the repository root) of ValidatingAdmissionPolicies to apply */
  readonly admissionPolicies?: readonly string[];
  /** objects that exist but are created outside these manifests */
  readonly external: { readonly namespaces: readonly string[]; readonly resources: readonly ExternalResource[] };
  /** globs of directories (relative to the repository root) whose whole tree is applied together: docs/scopes.md */
  readonly scopes?: readonly string[];
  /** hosts a kustomization's remote resources may be fetched from; nothing remote is built otherwise */
  readonly kustomize?: { readonly remoteHosts: readonly string[] };
  /** the drift bot's section, validated by the drift work */
  readonly drift?: Readonly<Record<string, unknown>>;
  /** charts and the value sets to render each with (docs/helm.md) */
  readonly helm?: HelmConfig;
}

export const EMPTY_CONFIG: PlumblineConfig = { ignore: [], rules: {}, external: { namespaces: [], resources: [] } };
