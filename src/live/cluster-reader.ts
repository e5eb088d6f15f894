import type { KubeObject } from "../manifests/resource.js";
import { type ApiClient, createApiClient } from "./api-client.js";
import { discoverKinds, type KindOutcome, kindKey, type ResolvedKind } from "./discovery.js";
import { isFatal, LiveSourceError } from "./errors.js";
import { type LoadedKubeConfig, loadKubeConfig } from "./kubeconfig.js";
import { listAll } from "./list.js";
import { mapPooled } from "./pool.js";
import { type RetryPolicy, sleep } from "./retry.js";
import { addScope } from "./scopes.js";
import { createTransport, type KubeTransport } from "./transport.js";
import type { KindInfo, ListedScope, LiveReadOptions, LiveSource, LiveState, UnlistedScope, WantedKinds } from "./types.js";

type ClusterSource = Extract<LiveSource, { type: "cluster" }>;

const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 250,
  maxBackoffMs: 5_000,
  maxRetryAfterMs: 30_000,
  pageSize: 500,
  concurrency: 4,
};

interface ListTask {
  readonly kind: ResolvedKind;
  readonly namespace: string | undefined;
}

type ListResult = { task: ListTask; objects: KubeObject[]; error?: undefined } | { task: ListTask; error: LiveSourceError };

/**
 * Discovers the wanted kinds, then lists each (kind, namespace) Git uses. Connection and credential
 * failures throw; a scope that alone fails (403, persistent 5xx, time-out) is reported in `unlisted`.
 */
export async function readCluster(source: ClusterSource, wanted: WantedKinds, options: LiveReadOptions = {}): Promise<LiveState> {
  const loaded = loadKubeConfig(source);
  const defaultNamespace = options.defaultNamespace ?? loaded.namespace ?? "default";
  const concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
  const { transport, client } = connect(loaded, options);
  try {
    const outcomes = await discoverKinds(client, uniqueKinds(wanted), concurrency);
    const tasks: ListTask[] = [];
    const unlisted: UnlistedScope[] = [];
    for (const want of wanted) {
      const outcome = outcomes.get(kindKey(want));
      if (outcome === undefined) continue;
      if ("unlisted" in outcome) {
        addScope(unlisted, { apiVersion: want.apiVersion, kind: want.kind, ...outcome.unlisted });
        continue;
      }
      const kind = outcome.resolved;
      const namespace = kind.namespaced ? (want.namespace ?? defaultNamespace) : undefined;
      if (options.allowNamespace && !options.allowNamespace(namespace)) {
        addScope(unlisted, {
          apiVersion: kind.apiVersion,
          kind: kind.kind,
          ...namespaceField(namespace),
          ...notAllowed(namespace),
        });
        continue;
      }
      if (!tasks.some((task) => task.kind === kind && task.namespace === namespace)) tasks.push({ kind, namespace });
    }

    const pageSize = Math.max(1, options.pageSize ?? DEFAULTS.pageSize);
    const results = await mapPooled(tasks, concurrency, async (task): Promise<ListResult> => {
      try {
        return { task, objects: await listAll(client, task.kind, task.namespace, pageSize) };
      } catch (error) {
        if (!(error instanceof LiveSourceError) || isFatal(error)) throw error;
        return { task, error };
      }
    });

    const objects: KubeObject[] = [];
    const listed: ListedScope[] = [];
    for (const result of results) {
      const scope = {
        apiVersion: result.task.kind.apiVersion,
        kind: result.task.kind.kind,
        ...namespaceField(result.task.namespace),
      };
      if (result.error) addScope(unlisted, { ...scope, reason: result.error.code, message: result.error.message });
      else {
        for (const object of result.objects) objects.push(object);
        addScope(listed, scope);
      }
    }
    return {
      source: options.serverLabel ?? `cluster ${loaded.server} (context "${loaded.context}")`,
      objects,
      listed,
      unlisted,
      kinds: kindInfos(outcomes),
      defaultNamespace,
    };
  } finally {
    await transport.close();
  }
}

/** GET /version: is the server there, and do the credentials and TLS settings work? */
export async function fetchVersion(
  source: ClusterSource,
  options: LiveReadOptions,
): Promise<{ server: string; version?: string }> {
  const loaded = loadKubeConfig(source);
  const { transport, client } = connect(loaded, { retries: 0, timeoutMs: 5_000, ...options });
  try {
    const body = (await client.getJson("/version", {}, { verb: "get" })) as { gitVersion?: unknown } | null;
    const version = typeof body?.gitVersion === "string" ? body.gitVersion : undefined;
    return { server: options.serverLabel ?? loaded.server, ...(version ? { version } : {}) };
  } finally {
    await transport.close();
  }
}

function connect(loaded: LoadedKubeConfig, options: LiveReadOptions): { transport: KubeTransport; client: ApiClient } {
  const transport = createTransport(loaded.config, loaded.server, {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    ...(options.serverLabel !== undefined ? { label: options.serverLabel } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const policy: RetryPolicy = {
    retries: Math.max(0, options.retries ?? DEFAULTS.retries),
    backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
    maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    sleep: options.sleep ?? ((ms) => sleep(ms, options.signal)),
  };
  const client = createApiClient(transport, {
    ...policy,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  return { transport, client };
}

function uniqueKinds(wanted: WantedKinds): Array<{ apiVersion: string; kind: string }> {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const { apiVersion, kind } of wanted) seen.set(kindKey({ apiVersion, kind }), { apiVersion, kind });
  return [...seen.values()];
}

function kindInfos(outcomes: Map<string, KindOutcome>): KindInfo[] {
  return [...outcomes.entries()].map(([key, outcome]) => {
    if ("resolved" in outcome) {
      const { apiVersion, kind, resource, namespaced } = outcome.resolved;
      return { apiVersion, kind, resource, namespaced };
    }
    const [apiVersion = "", kind = ""] = key.split("\u0000");
    return { apiVersion, kind, namespaced: undefined };
  });
}

function notAllowed(namespace: string | undefined): { reason: "not-allowed"; message: string } {
  const what = namespace === undefined ? "cluster-scoped objects are" : `namespace "${namespace}" is`;
  return { reason: "not-allowed", message: `not read: ${what} outside what this cluster may be read for` };
}

function namespaceField(namespace: string | undefined): { namespace?: string } {
  return namespace === undefined ? {} : { namespace };
}
