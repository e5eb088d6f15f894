/**
 * The `drift:` section of `.github/plumbline.yml` after validation (src/config/schema.ts holds its
 * JSON Schema): the clusters the bot watches, how often, what to ignore and how to propose fixes.
 */

import type { ConfigFile } from "../config/types.js";
import type { ManagerOverrides } from "./actors.js";
import { globMatcher, type IgnoreRule } from "./ignore.js";
import { parseJqPath } from "./jq-path.js";

export interface DriftCluster {
  readonly name: string;
  /** a kubeconfig context; absent with `inCluster` */
  readonly context?: string;
  readonly inCluster: boolean;
  /** namespaces to compare; all the Git manifests name when empty */
  readonly namespaces: readonly string[];
  /** Git paths (relative to the repository root) holding this cluster's manifests */
  readonly paths: readonly string[];
}

/** The `drift:` section as written: derived from its JSON Schema (./config-schema.ts), never written again by hand */
type DriftSection = NonNullable<ConfigFile["drift"]>;

export type DriftIgnoreEntry = NonNullable<DriftSection["ignore"]>[number];

export interface DriftConfig {
  readonly clusters: readonly DriftCluster[];
  /** minutes between scheduled comparisons */
  readonly schedule: number;
  readonly ignore: readonly DriftIgnoreEntry[];
  readonly managers: ManagerOverrides;
  readonly pr: { readonly labels: readonly string[]; readonly reviewers: readonly string[]; readonly draft: boolean };
  /** open a pull request that writes the cluster's state back, or an issue that reports it */
  readonly mode: "pr" | "issue";
  /** keep a "Drift dashboard" issue up to date (the bot's) */
  readonly dashboard: boolean;
}

export const DEFAULT_SCHEDULE_MINUTES = 60;

/** Defaults filled into a section the schema has already accepted. */
export function readDriftConfig(raw: Readonly<Record<string, unknown>> | undefined): DriftConfig {
  const section = (raw ?? {}) as DriftSection;
  return {
    clusters: (section.clusters ?? []).map((cluster) => ({
      name: cluster.name,
      ...(cluster.context !== undefined ? { context: cluster.context } : {}),
      inCluster: cluster.inCluster === true,
      namespaces: cluster.namespaces ?? [],
      paths: cluster.paths ?? [],
    })),
    schedule: section.schedule ?? DEFAULT_SCHEDULE_MINUTES,
    ignore: section.ignore ?? [],
    managers: section.managers ?? {},
    pr: { labels: section.pr?.labels ?? [], reviewers: section.pr?.reviewers ?? [], draft: section.pr?.draft ?? false },
    mode: section.mode ?? "pr",
    dashboard: section.dashboard === true,
  };
}

/**
 * The configuration's ignore entries as rules. An entry without pointers, expressions or managers
 * leaves the objects it names alone entirely. Unsupported jq expressions come back as warnings.
 */
export function configIgnoreRules(
  entries: readonly DriftIgnoreEntry[],
  source: string,
): { rules: IgnoreRule[]; warnings: string[] } {
  const warnings: string[] = [];
  const rules = entries.map((entry): IgnoreRule => {
    const group = globMatcher(entry.group);
    const kind = globMatcher(entry.kind);
    const namespace = globMatcher(entry.namespace);
    const name = globMatcher(entry.name);
    const jqPaths = (entry.jqPathExpressions ?? []).flatMap((expression) => {
      const parsed = parseJqPath(expression);
      if (!parsed)
        warnings.push(
          `${source}: jq expression "${expression}" is not supported (use .a.b, [], [n], select(.k == "v")): ignored`,
        );
      return parsed ? [parsed] : [];
    });
    const fields = (entry.pointers ?? []).length + jqPaths.length + (entry.managers ?? []).length;
    return {
      source,
      applies: (target) => group(target.group) && kind(target.kind) && namespace(target.namespace) && name(target.name),
      pointers: entry.pointers ?? [],
      jqPaths,
      managers: entry.managers ?? [],
      ...(fields === 0 && (entry.jqPathExpressions ?? []).length === 0 ? { wholeObject: true } : {}),
    };
  });
  return { rules, warnings };
}
