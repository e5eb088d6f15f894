/**
 * One Git object against its live counterpart: normalise both sides, walk them, then decide for
 * each difference whether it is drift, by ignore rules and by who made it.
 */

import { isDeepStrictEqual } from "node:util";
import { formatPointer, parsePointer, valueAt } from "../manifests/pointer.js";
import type { KubeObject } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import type { ManagerClassifier } from "./actors.js";
import { CREDENTIAL_NO_WRITE, type MaskedCredentials, maskCredentialEnv, touchesCredential } from "./credential-env.js";
import { isUnder, type ObjectIgnores } from "./ignore.js";
import { type ManagedEntry, readManagedFields } from "./managed-fields.js";
import { type Fingerprinter, isSecretValuePath, maskSecrets, processFingerprinter } from "./secret-values.js";
import { stripServerFields } from "./strip.js";
import { namedJqPath } from "./suggest-ignore.js";
import type { Actor, DriftChange, FieldOwner } from "./types.js";
import { type RawChange, walkObject } from "./walk.js";
import { noWriteReason } from "./write-policy.js";

export interface ObjectContext {
  readonly kind: string;
  readonly name: string;
  readonly classify: ManagerClassifier;
  readonly ignores: ObjectIgnores;
  /** an HPA (or KEDA ScaledObject) scales this workload: its replica count is not Git's to keep */
  readonly scaledByHpa: boolean;
  /** rendered by Kustomize: the Git file is not the object, so nothing is written back */
  readonly rendered: boolean;
  /** how secret values are shown; keyed per process when absent */
  readonly fingerprint?: Fingerprinter;
}

export interface ObjectDiff {
  readonly changes: DriftChange[];
  /** the readable paths of differences where Git is ahead of what the GitOps applier last synced */
  readonly pendingSync: string[];
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export function diffObject(gitObject: KubeObject, liveObject: KubeObject, context: ObjectContext): ObjectDiff {
  const entries = readManagedFields(liveObject);
  const { git, live, credentials } = normalize(gitObject, liveObject, context.kind, context.fingerprint ?? processFingerprinter);
  const raw = walkObject(git, live, {
    kind: context.kind,
    entries,
    // a gitops manager's addition is a field Git dropped and the next sync removes: counted as pending
    reportsAdditions: (entry) => context.classify(entry.manager) !== "controller" && !context.ignores.trusted(entry.manager),
  });
  const gitAhead = lastAppliedByGitops(liveObject, entries, context.classify);
  const changes: DriftChange[] = [];
  const pendingSync: string[] = [];
  for (const change of raw) {
    const kept = withoutIgnored(change, context.ignores);
    if (!kept) continue;
    const pointer = formatPointer(kept.gitPath);
    let owner: Attributed | undefined = kept.owner;
    // the creator of an object owns what the server allocated for it (a Service's clusterIP): not an addition
    if (kept.type === "added" && /^(allocated|set by the API)/.test(noWriteReason(context.kind, pointer) ?? "")) continue;
    if (pointer === "/spec/replicas" && (context.scaledByHpa || (owner && scalesReplicas(owner, context.classify)))) continue;
    if (owner && context.ignores.trusted(owner.manager)) continue;
    let actor: Actor | undefined = owner
      ? context.classify(owner.manager)
      : kept.type === "changed" && entries.length > 0
        ? "unowned"
        : undefined;
    if (actor === "unowned") continue;
    if (actor === "gitops" || (actor === undefined && gitAhead && gitIsAhead(gitAhead, pointer, kept.git))) {
      pendingSync.push(kept.display);
      continue;
    }
    if (kept.type === "removed" && !owner) {
      owner = removedBy(kept, context.classify);
      if (owner) actor = "imperative";
    }
    const secret =
      isSecretValuePath(gitObject as { kind: string }, kept.gitPath) ||
      touchesCredential(credentials, kept.gitPath, kept.livePath);
    const jqPath =
      actor === "controller"
        ? kept.livePath.length > 0
          ? namedJqPath(liveObject, kept.livePath)
          : namedJqPath(gitObject, kept.gitPath)
        : undefined;
    const found = toDriftChange(kept, pointer, owner, actor, context, secret, jqPath);
    // managedFields exist, yet no person's update sits beside the removed field: say that, not "no managedFields"
    changes.push(kept.type === "removed" && !owner && entries.length > 0 ? { ...found, unattributed: true } : found);
  }
  return { changes, pendingSync };
}

function normalize(
  gitObject: KubeObject,
  liveObject: KubeObject,
  kind: string,
  fingerprint: Fingerprinter,
): { git: KubeObject; live: KubeObject; credentials: MaskedCredentials } {
  const [maskedGit, maskedLive] = maskSecrets(stripServerFields(gitObject), stripServerFields(liveObject), fingerprint);
  const credentials = maskCredentialEnv(maskedGit, maskedLive, fingerprint);
  let { git, live } = credentials;
  // the aggregation controller writes an aggregated ClusterRole's rules: they are never Git's
  if (kind === "ClusterRole" && (isRecord(git.aggregationRule) || isRecord(live.aggregationRule))) {
    const { rules: _gitRules, ...gitRest } = git;
    const { rules: _liveRules, ...liveRest } = live;
    [git, live] = [gitRest, liveRest];
  }
  return { git, live, credentials };
}

/** kube-controller-manager acting for an HPA, or an autoscaler through the scale subresource (not a person's `kubectl scale`). */
function scalesReplicas(owner: ManagedEntry, classify: ManagerClassifier): boolean {
  return (
    owner.manager === "kube-controller-manager" || (owner.subresource === "scale" && classify(owner.manager) !== "imperative")
  );
}

/**
 * Applies the pointer rules. A change above an ignored field (a whole map or list that differs)
 * is compared again without the ignored parts, and dropped when nothing else differs.
 */
function withoutIgnored(change: RawChange, ignores: ObjectIgnores): RawChange | undefined {
  const gitPointer = formatPointer(change.gitPath);
  const livePointer = change.livePath.length > 0 ? formatPointer(change.livePath) : undefined;
  if (ignores.gitPointers.some((prefix) => isUnder(gitPointer, prefix))) return undefined;
  if (livePointer !== undefined && ignores.livePointers.some((prefix) => isUnder(livePointer, prefix))) return undefined;
  const inside = (pointers: readonly string[], at: string | undefined) =>
    at === undefined ? [] : pointers.filter((p) => isUnder(p, at) && p !== at).map((p) => p.slice(at.length));
  const gitInside = inside(ignores.gitPointers, gitPointer);
  const liveInside = inside(ignores.livePointers, livePointer);
  if (gitInside.length === 0 && liveInside.length === 0) return change;
  const git = without(change.git, gitInside);
  const live = without(change.live, liveInside);
  return isDeepStrictEqual(git, live) ? undefined : { ...change, git, live };
}

function without(value: unknown, pointers: readonly string[]): unknown {
  if (value === undefined || pointers.length === 0) return value;
  const copy = structuredClone(value);
  for (const pointer of pointers) {
    const segments = parsePointer(pointer);
    const last = segments.pop();
    const parent = valueAt(copy, formatPointer(segments));
    if (last === undefined) continue;
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (isRecord(parent)) delete parent[last];
  }
  return copy;
}

/** The last-applied configuration, when the GitOps applier wrote it (Argo CD's client-side apply). */
function lastAppliedByGitops(live: KubeObject, entries: readonly ManagedEntry[], classify: ManagerClassifier): unknown {
  const annotations = (live.metadata as KubeObject | undefined)?.annotations as KubeObject | undefined;
  const text = annotations?.[LAST_APPLIED];
  if (typeof text !== "string") return undefined;
  const writer = entries.find((entry) =>
    entry.root.fields?.get("metadata")?.fields?.get("annotations")?.fields?.has(LAST_APPLIED),
  );
  if (!writer || classify(writer.manager) !== "gitops") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Git declares something the applier has not applied yet: the cluster will follow on the next sync. */
function gitIsAhead(lastApplied: unknown, pointer: string, git: unknown): boolean {
  return !isDeepStrictEqual(valueAt(lastApplied, pointer), git);
}

/**
 * Nobody owns a removed field any more: the removal took it out of every entry. Its likely author
 * is the latest imperative update (kubectl edit, a dashboard) that still owns something beside it.
 */
type Attributed = ManagedEntry & { readonly inferred?: true };

function removedBy(change: RawChange, classify: ManagerClassifier): Attributed | undefined {
  let best: ManagedEntry | undefined;
  for (const entry of change.parentOwners ?? []) {
    if (entry.operation !== "Update" || classify(entry.manager) !== "imperative") continue;
    if (!best || (entry.time ?? "") >= (best.time ?? "")) best = entry;
  }
  return best ? { ...best, inferred: true } : undefined;
}

function toDriftChange(
  change: RawChange,
  pointer: string,
  owner: Attributed | undefined,
  actor: Actor | undefined,
  context: ObjectContext,
  secret: boolean,
  jqPath: string | undefined,
): DriftChange {
  const fieldOwner: FieldOwner | undefined =
    owner && actor
      ? {
          manager: owner.manager,
          actor,
          ...(owner.operation ? { operation: owner.operation } : {}),
          ...(owner.subresource ? { subresource: owner.subresource } : {}),
          ...(owner.time ? { time: owner.time } : {}),
          ...(owner.inferred ? { inferred: true as const } : {}),
        }
      : undefined;
  const noWrite =
    noWriteReason(context.kind, pointer) ??
    (secret ? CREDENTIAL_NO_WRITE : undefined) ??
    (actor === "controller" ? `set by ${owner?.manager ?? "a controller"}: add an ignore rule instead` : undefined) ??
    (context.rendered ? "rendered by Kustomize: edit the base or overlay by hand" : undefined);
  return {
    path: pointer,
    display: change.display,
    git: change.git,
    live: change.live,
    ...(fieldOwner ? { owner: fieldOwner } : {}),
    ...(change.type === "added" && typeof change.gitPath[change.gitPath.length - 1] === "number" ? { appended: true } : {}),
    ...(noWrite ? { noWrite } : {}),
    ...(secret ? { secret: true as const } : {}),
    ...(actor === "controller"
      ? {
          suggestIgnore: {
            kind: context.kind,
            name: context.name,
            pointer,
            ...(owner ? { manager: owner.manager } : {}),
            ...(jqPath ? { jqPath } : {}),
          },
        }
      : {}),
  };
}
