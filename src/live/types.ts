/** The plain data that crosses the boundary of the live-state reader. */

import type { KubeObject } from "../manifests/resource.js";

/** One (apiVersion, kind, namespace) that the Git manifests declare. */
export interface WantedKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** absent when the manifest leaves it to the context (namespaced kinds) or the kind is cluster-scoped */
  readonly namespace?: string;
}

export type WantedKinds = readonly WantedKind[];

export type LiveSource =
  | { readonly type: "snapshot"; readonly path: string }
  | {
      readonly type: "cluster";
      /** a context of the kubeconfig; its current context when absent */
      readonly context?: string;
      /** path of a kubeconfig file; KUBECONFIG or ~/.kube/config when absent */
      readonly kubeconfig?: string;
      /** use the pod's service account instead of a kubeconfig */
      readonly inCluster?: boolean;
    };

/** What went wrong, stable enough to branch on. */
export type LiveErrorCode =
  | "kubeconfig" // no usable kubeconfig, context or in-cluster credentials
  | "unreachable" // connection refused, DNS failure, connection dropped for good
  | "tls" // certificate not trusted, wrong host name, not TLS at all
  | "timeout" // no full answer within the per-request time-out
  | "aborted" // the caller's AbortSignal fired
  | "unauthorized" // HTTP 401: credentials rejected
  | "forbidden" // HTTP 403: RBAC denies the verb
  | "not-found" // HTTP 404 on a path discovery said exists
  | "rate-limited" // HTTP 429 that outlasted the retries
  | "server-error" // HTTP 5xx that outlasted the retries
  | "bad-response" // an answer that is not what the Kubernetes API returns
  | "snapshot"; // a snapshot file that cannot be read or parsed

/** Why a wanted scope's objects are not (all) in `LiveState.objects`. */
export type UnlistedReason = "not-served" | "not-in-snapshot" | "not-allowed" | LiveErrorCode;

export interface ListedScope {
  readonly apiVersion: string;
  readonly kind: string;
  /** absent for cluster-scoped kinds */
  readonly namespace?: string;
}

export interface UnlistedScope {
  readonly apiVersion: string;
  readonly kind: string;
  /** absent when the whole kind is unlisted (not served, discovery failed) */
  readonly namespace?: string;
  readonly reason: UnlistedReason;
  /** one line for a person, never a response body */
  readonly message: string;
}

export interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  /** plural resource name, `deployments`; absent for snapshots */
  readonly resource?: string;
  /** undefined when unknown (a snapshot that holds no object of the kind) */
  readonly namespaced: boolean | undefined;
}

export interface LiveState {
  /** `cluster https://… (context "prod")` or `snapshot path/`: for messages */
  readonly source: string;
  /** live objects of the listed scopes, `managedFields` kept; every object has apiVersion and kind */
  readonly objects: KubeObject[];
  /** scopes whose objects are all in `objects`: a Git object absent from one of them is really missing */
  readonly listed: ListedScope[];
  /** scopes that could not be listed: nothing may be called missing or extra there */
  readonly unlisted: UnlistedScope[];
  /** what discovery (or the snapshot) told about each wanted kind */
  readonly kinds: KindInfo[];
  /** where namespaced objects without a namespace in Git live: the context's namespace or `default` */
  readonly defaultNamespace: string;
}

export interface LiveReadOptions {
  /** per HTTP request, headers and body; default 30 s */
  readonly timeoutMs?: number;
  /** retries of a transient failure (5xx, 429, connection reset); default 3 */
  readonly retries?: number;
  /** first back-off, doubled each retry; default 250 ms */
  readonly backoffMs?: number;
  /** cap of one back-off; default 5 s */
  readonly maxBackoffMs?: number;
  /** cap on a server's Retry-After; default 30 s */
  readonly maxRetryAfterMs?: number;
  /** `limit` of each list page; default 500 (as kubectl) */
  readonly pageSize?: number;
  /** lists in flight at once; default 4 */
  readonly concurrency?: number;
  /**
   * The caller's gate on what may be read: a namespace (undefined for cluster-scoped kinds) it
   * refuses is never listed, not even asked about, and is reported as `not-allowed`. Default: all.
   */
  readonly allowNamespace?: (namespace: string | undefined) => boolean;
  /**
   * How messages and `LiveState.source` name the server, instead of its URL: a long-lived door that
   * reports to others (the bot) names the cluster without saying where it is. Default: the URL.
   */
  readonly serverLabel?: string;
  /** overrides the context's namespace for namespaced objects Git leaves without one */
  readonly defaultNamespace?: string;
  /** cancels everything in flight (bot shut-down) */
  readonly signal?: AbortSignal;
  /** called once per HTTP attempt: for metrics and debug logs (carries no bodies) */
  readonly onRequest?: (event: RequestEvent) => void;
  /** how to wait between retries; tests replace it to avoid real waiting */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RequestEvent {
  readonly method: "GET";
  /** path and query, e.g. `/api/v1/namespaces/shop/configmaps?limit=500` */
  readonly path: string;
  readonly attempt: number;
  readonly durationMs: number;
  readonly status?: number;
  readonly error?: LiveErrorCode;
}

export type Reachability =
  | { readonly reachable: true; readonly server: string; readonly version?: string }
  | { readonly reachable: false; readonly server?: string; readonly code: LiveErrorCode; readonly message: string };
