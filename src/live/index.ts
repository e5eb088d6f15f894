/**
 * Live cluster state for the drift engine: the objects of the kinds and namespaces Git declares,
 * read from a cluster through @kubernetes/client-node (imported only then) or from a saved `kubectl get -o yaml|json`.
 *
 *     const state = await readLiveState({ type: "cluster", context: "prod" }, wanted, { timeoutMs: 10_000 });
 *     const state = await readLiveState({ type: "snapshot", path: "live.yaml" }, wanted);
 *
 * `wanted` is every (apiVersion, kind, namespace?) the Git manifests declare; duplicates are fine.
 *
 * The result says what it vouches for. `listed` holds the scopes read completely: a Git object absent
 * from one of them is really missing. `unlisted` holds the scopes that were not (kind not served,
 * 403, persistent 5xx, time-out, not in the snapshot), each with one line saying why: nothing there
 * may be called missing or extra. `isListed` / `whyUnlisted` / `effectiveNamespace` answer this per
 * Git object, placing namespace-less Git objects of namespaced kinds in `defaultNamespace` as
 * kubectl would.
 *
 * Objects keep `managedFields` (attribution needs them) and always carry apiVersion and kind, in the
 * version Git declares (cluster) or the one the snapshot holds.
 *
 * Throws `LiveSourceError` (with a `code`) when nothing trustworthy can be read: no kubeconfig or
 * context, server unreachable, TLS failure, credentials rejected, discovery root unreadable, a
 * snapshot that does not parse. Messages are one line and never quote a response body.
 *
 * Requests for a cluster read: `GET /apis` (when Git has non-core kinds), `GET /api/v1` (when it has
 * core kinds), `GET /apis/<group>/<version>` per served group version Git uses, then per (kind, namespace)
 * `GET …/namespaces/<ns>/<resource>?limit=500` and its `continue` pages (cluster-scoped kinds once,
 * without the namespace). Each request has a time-out; 5xx, 429 (after Retry-After) and reset
 * connections are retried with bounded back-off.
 */

import { readFromSource, sourceReachable } from "./sources/index.js";
import type { LiveReadOptions, LiveSource, LiveState, Reachability, WantedKinds } from "./types.js";

export { LiveSourceError } from "./errors.js";
export { effectiveNamespace, isListed, kindInfo, sameKind, whyUnlisted } from "./scopes.js";
export { readSnapshotObjects } from "./snapshot-reader.js";
export { defineSource, driverFor, LIVE_SOURCES, type LiveSourceDriver, type LiveSourceEntry } from "./sources/index.js";
export type {
  KindInfo,
  ListedScope,
  LiveErrorCode,
  LiveReadOptions,
  LiveSource,
  LiveState,
  Reachability,
  RequestEvent,
  UnlistedReason,
  UnlistedScope,
  WantedKind,
  WantedKinds,
} from "./types.js";

/** Reads through the source's driver (src/live/sources/): the cluster client is imported only for a cluster. */
export function readLiveState(source: LiveSource, wanted: WantedKinds, options: LiveReadOptions = {}): Promise<LiveState> {
  return readFromSource(source, wanted, options);
}

/**
 * A cheap health probe for readiness endpoints: one `GET /version`, 5 s time-out and no retries unless
 * the options say otherwise. Never throws; a snapshot is reachable when its path exists.
 */
export function checkClusterReachable(source: LiveSource, options: LiveReadOptions = {}): Promise<Reachability> {
  return sourceReachable(source, options);
}
