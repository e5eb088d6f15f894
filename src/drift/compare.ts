/**
 * `plumbline drift` minus the I/O: Git's objects against the cluster's, object by object, into
 * modified, missing and extra. The live side is the plain data src/live reads (LiveState).
 */

import { isListed, whyUnlisted } from "../live/scopes.js";
import type { LiveState } from "../live/types.js";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";
import { createClassifier } from "./actors.js";
import { configIgnoreRules, type DriftConfig, readDriftConfig } from "./config.js";
import { notExtraReason } from "./extras.js";
import { gitopsIgnoreRules } from "./gitops-ignores.js";
import { autoscaledWorkloads } from "./hpa.js";
import { canonicalGroup, groupKind, isNamespaced, objectKey } from "./identity.js";
import { type IgnoreTarget, ignoresFor } from "./ignore.js";
import { diffObject } from "./object-diff.js";
import { patchFor } from "./patch.js";
import type { Fingerprinter } from "./secret-values.js";
import type { Drift, DriftChange, DriftResult, DriftSummary, PendingField } from "./types.js";

export interface DriftOptions {
  readonly config?: DriftConfig;
  /** the configuration file, for messages about its rules */
  readonly configSource?: string;
  /** a Resource's file relative to the repository root, for Argo CD's and Flux's path scopes */
  readonly relativeFile?: (file: string) => string;
  /** how secret values are shown: a door that shows them to several tenants keys them per tenant */
  readonly fingerprint?: Fingerprinter;
}

interface GitEntry {
  readonly resource: Resource;
  readonly key: string;
  readonly groupKind: string;
  readonly namespace: string;
}

export function detectDrift(git: readonly Resource[], live: LiveState, options: DriftOptions = {}): DriftResult {
  const config = options.config ?? readDriftConfig(undefined);
  const fromConfig = configIgnoreRules(config.ignore, options.configSource ?? "drift.ignore");
  const fromGitops = gitopsIgnoreRules(git, options.relativeFile ?? ((file) => file));
  const rules = [...fromConfig.rules, ...fromGitops.rules];
  const warnings = [...fromConfig.warnings, ...fromGitops.warnings];
  const classify = createClassifier(config.managers);
  const namespaced = namespacing(live);

  const liveByKey = new Map<string, KubeObject>();
  for (const object of live.objects) {
    const { namespace, name } = metadataOf(object);
    liveByKey.set(objectKey(String(object.apiVersion), String(object.kind), namespace, name), object);
  }
  const entries = gitEntries(git, live, namespaced, warnings);
  const scaled = autoscaledWorkloads([
    ...entries.map((entry) => ({ object: entry.resource.object, namespace: entry.namespace })),
    ...live.objects.map((object) => ({ object, namespace: metadataOf(object).namespace })),
  ]);

  const drifts: Drift[] = [];
  const matched = new Set<string>();
  const reported = new Set<string>();
  let inSync = 0;
  const pending: PendingField[] = [];
  for (const entry of entries) {
    const { resource } = entry;
    const liveObject = liveByKey.get(entry.key);
    const target = targetOf(resource.object, liveObject, entry.namespace, resource.source.file);
    const ignores = ignoresFor(rules, target, resource.object, liveObject);
    if (liveObject) matched.add(entry.key);
    if (ignores.wholeObject) continue;
    const base = {
      apiVersion: resource.apiVersion,
      kind: resource.kind,
      namespace: entry.namespace,
      name: resource.name,
      file: resource.source.file,
      line: resource.source.locate("").line,
      documentIndex: resource.source.documentIndex,
      ...(resource.source.listIndex !== undefined ? { listIndex: resource.source.listIndex } : {}),
      ...(resource.renderedBy ? { rendered: true } : {}),
    };
    if (!liveObject) {
      const scope = `${entry.groupKind}/${entry.namespace}`;
      const ref = {
        apiVersion: resource.apiVersion,
        kind: resource.kind,
        ...(resource.namespace ? { namespace: resource.namespace } : {}),
      };
      if (isListed(live, ref)) drifts.push({ ...base, status: "missing", changes: [], patch: [] });
      else if (!reported.has(scope)) {
        reported.add(scope);
        warnings.push(
          `${resource.kind} in ${entry.namespace || "the cluster"} not compared: ${whyUnlisted(live, ref)?.message ?? "not listed"}`,
        );
      }
      continue;
    }
    if (ignores.createOnly) {
      inSync++;
      continue;
    }
    const diff = diffObject(resource.object, liveObject, {
      kind: resource.kind,
      name: resource.name,
      classify,
      ignores,
      scaledByHpa: scaled.has(`${resource.kind}/${entry.namespace}/${resource.name}`),
      rendered: base.rendered === true,
      ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
    });
    for (const field of diff.pendingSync)
      pending.push({ kind: resource.kind, namespace: entry.namespace, name: resource.name, field });
    if (diff.changes.length === 0) inSync++;
    else drifts.push({ ...base, status: "modified", changes: diff.changes, patch: patchFor(resource.kind, diff.changes) });
  }

  const managed = new Set(entries.map((entry) => `${entry.groupKind}/${entry.namespace}`));
  const extras: Drift[] = [];
  for (const [key, object] of liveByKey) {
    if (matched.has(key)) continue;
    const apiVersion = String(object.apiVersion);
    const kind = String(object.kind);
    const { namespace, name } = metadataOf(object);
    const gk = groupKind(apiVersion, kind);
    if (!managed.has(`${gk}/${namespace}`) || !isListed(live, { apiVersion, kind, ...(namespace ? { namespace } : {}) }))
      continue;
    if (notExtraReason(kind, namespace, name, object)) continue;
    if (ignoresFor(rules, targetOf(undefined, object, namespace, undefined), undefined, object).wholeObject) continue;
    extras.push({ apiVersion, kind, namespace, name, status: "extra", changes: [], patch: [] });
  }
  extras.sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));

  const all = [...drifts, ...extras];
  return { drifts: all, summary: summarize(all, entries.length, live, inSync, pending.length), warnings, pending };
}

function metadataOf(object: KubeObject): {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return {
    namespace: typeof metadata.namespace === "string" ? metadata.namespace : "",
    name: typeof metadata.name === "string" ? metadata.name : "",
    labels: (isRecord(metadata.labels) ? metadata.labels : {}) as Record<string, string>,
    annotations: (isRecord(metadata.annotations) ? metadata.annotations : {}) as Record<string, string>,
  };
}

/** What ignore rules select on. Annotations of both sides count: Flux reads its opt-outs from either. */
function targetOf(
  git: KubeObject | undefined,
  live: KubeObject | undefined,
  namespace: string,
  file: string | undefined,
): IgnoreTarget {
  const object = (git ?? live) as KubeObject;
  const apiVersion = String(object.apiVersion);
  const gitMeta = git ? metadataOf(git) : undefined;
  const liveMeta = live ? metadataOf(live) : undefined;
  return {
    group: canonicalGroup(apiVersion, String(object.kind)),
    version: apiVersion.slice(apiVersion.indexOf("/") + 1),
    kind: String(object.kind),
    namespace,
    name: (gitMeta ?? liveMeta)?.name ?? "",
    labels: { ...liveMeta?.labels, ...gitMeta?.labels },
    annotations: { ...liveMeta?.annotations, ...gitMeta?.annotations },
    ...(file !== undefined ? { file } : {}),
  };
}

function gitEntries(
  git: readonly Resource[],
  live: LiveState,
  namespaced: ReadonlyMap<string, boolean | undefined>,
  warnings: string[],
): GitEntry[] {
  const seen = new Map<string, Resource>();
  const entries: GitEntry[] = [];
  for (const resource of git) {
    const gk = groupKind(resource.apiVersion, resource.kind);
    const namespace = isNamespaced(gk, resource.kind, namespaced) ? (resource.namespace ?? live.defaultNamespace) : "";
    const key = objectKey(resource.apiVersion, resource.kind, namespace, resource.name);
    const first = seen.get(key);
    if (first) {
      warnings.push(
        `${resource.source.file}: ${resource.kind} ${resource.name} is also declared in ${first.source.file}: compared once`,
      );
      continue;
    }
    seen.set(key, resource);
    entries.push({ resource, key, groupKind: gk, namespace });
  }
  return entries;
}

/** Whether each kind is namespaced, as discovery (or the snapshot) told. */
function namespacing(live: LiveState): Map<string, boolean | undefined> {
  const namespaced = new Map<string, boolean | undefined>();
  for (const info of live.kinds) namespaced.set(groupKind(info.apiVersion, info.kind), info.namespaced);
  return namespaced;
}

function summarize(drifts: readonly Drift[], git: number, live: LiveState, inSync: number, pendingSync: number): DriftSummary {
  const changes: DriftChange[] = drifts.flatMap((drift) => drift.changes);
  const count = (status: Drift["status"]) => drifts.filter((drift) => drift.status === status).length;
  return {
    git,
    live: live.objects.length,
    inSync,
    modified: count("modified"),
    missing: count("missing"),
    extra: count("extra"),
    changes: changes.length,
    byActor: {
      imperative: changes.filter((c) => c.owner?.actor === "imperative").length,
      controller: changes.filter((c) => c.owner?.actor === "controller").length,
      unknown: changes.filter((c) => !c.owner).length,
    },
    pendingSync,
    source: live.source,
  };
}
