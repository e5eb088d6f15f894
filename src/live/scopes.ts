/** Questions the drift engine asks of a LiveState, answered from its plain data. */

import { apiGroup, type KubeObject } from "../manifests/resource.js";
import type { KindInfo, ListedScope, LiveState, UnlistedScope } from "./types.js";

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
}

/** Kinds are the same across versions of a group: `autoscaling/v1` and `/v2` HPAs are one object. */
export function sameKind(a: { apiVersion: string; kind: string }, b: { apiVersion: string; kind: string }): boolean {
  return a.kind === b.kind && apiGroup(a.apiVersion) === apiGroup(b.apiVersion);
}

export function kindInfo(state: Pick<LiveState, "kinds">, ref: ObjectRef): KindInfo | undefined {
  return (
    state.kinds.find((info) => info.apiVersion === ref.apiVersion && info.kind === ref.kind) ??
    state.kinds.find((info) => sameKind(info, ref))
  );
}

/**
 * The namespace an object of Git really lives in: what the manifest says, the default namespace when
 * it says nothing about a namespaced kind, none for a cluster-scoped kind (kubectl ignores it there).
 */
export function effectiveNamespace(state: Pick<LiveState, "kinds" | "defaultNamespace">, ref: ObjectRef): string | undefined {
  const namespaced = kindInfo(state, ref)?.namespaced;
  if (namespaced === false) return undefined;
  if (namespaced === true) return ref.namespace ?? state.defaultNamespace;
  return ref.namespace;
}

/** True when every live object of this kind in this namespace is in `state.objects`. */
export function isListed(state: LiveState, ref: ObjectRef): boolean {
  return findListed(state.listed, ref.apiVersion, ref.kind, effectiveNamespace(state, ref)) !== undefined;
}

/** Why an object's scope was not listed; undefined when it was. */
export function whyUnlisted(state: LiveState, ref: ObjectRef): UnlistedScope | undefined {
  if (isListed(state, ref)) return undefined;
  const namespace = effectiveNamespace(state, ref);
  return (
    state.unlisted.find((scope) => sameKind(scope, ref) && scope.namespace === namespace) ??
    state.unlisted.find((scope) => sameKind(scope, ref) && scope.namespace === undefined) ?? {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      ...(namespace !== undefined ? { namespace } : {}),
      reason: "not-served",
      message: `${ref.apiVersion} ${ref.kind}${namespace !== undefined ? ` in namespace "${namespace}"` : ""} was not asked for`,
    }
  );
}

export function findListed(
  listed: readonly ListedScope[],
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
): ListedScope | undefined {
  return listed.find((scope) => sameKind(scope, { apiVersion, kind }) && scope.namespace === namespace);
}

export function objectNamespace(object: KubeObject): string | undefined {
  const metadata = object.metadata as { namespace?: unknown } | undefined;
  return typeof metadata?.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : undefined;
}

/** Adds a scope once: several Git objects share one (kind, namespace). */
export function addScope<T extends ListedScope>(scopes: T[], scope: T): void {
  if (
    !scopes.some(
      (known) => known.apiVersion === scope.apiVersion && known.kind === scope.kind && known.namespace === scope.namespace,
    )
  ) {
    scopes.push(scope);
  }
}
