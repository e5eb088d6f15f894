/** Steps 2 and 3 of the pipeline: which Git objects take part, and which kinds the live source lists. */

import type { WantedKind } from "../../live/types.js";
import { hidesAppliedObjects, type LoadProblem, type ManifestSet, type Resource } from "../../manifests/resource.js";

export type GitScope =
  | { readonly ok: true; readonly resources: Resource[]; readonly problems: LoadProblem[] }
  | {
      readonly ok: false;
      /** the problems after which objects Git applies may be missing: drift would call them missing */
      readonly fatal: LoadProblem[];
      readonly problems: LoadProblem[];
    };

/**
 * Git's objects in the namespaces the check covers (`drift.clusters[].namespaces`; objects without
 * a namespace always count), or a refusal when a file or a build did not load: its objects would
 * look missing from Git, and `--write` or a pull request would act on that.
 */
export function scopeGit(set: ManifestSet, namespaces: readonly string[] = []): GitScope {
  const fatal = set.problems.filter(hidesAppliedObjects);
  if (fatal.length > 0) return { ok: false, fatal, problems: set.problems };
  const resources =
    namespaces.length === 0
      ? [...set.resources]
      : set.resources.filter((resource) => resource.namespace === undefined || namespaces.includes(resource.namespace));
  return { ok: true, resources, problems: set.problems };
}

/** Every (apiVersion, kind, namespace) Git declares, once each: what the live source lists. */
export function wantedKinds(resources: readonly Resource[]): WantedKind[] {
  const seen = new Map<string, WantedKind>();
  for (const { apiVersion, kind, namespace } of resources) {
    const key = `${apiVersion}/${kind}/${namespace ?? ""}`;
    if (!seen.has(key)) seen.set(key, { apiVersion, kind, ...(namespace ? { namespace } : {}) });
  }
  return [...seen.values()];
}

/** One line per problem, `file:line:column: message`, for a terminal or a check run. */
export function problemLine(problem: LoadProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

export const REFUSAL = "objects that cannot be read would look missing from Git";
