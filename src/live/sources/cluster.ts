/**
 * What the two Kubernetes API sources (a kubeconfig context, the pod's service account) share: the
 * cluster reader, imported on first use. It brings @kubernetes/client-node and its TLS and HTTP/2
 * stack, which `check`, `--help` and snapshot drift must never load (test/cli/bin.test.ts).
 */

import { describeError } from "../errors.js";
import type { LiveReadOptions, LiveSource, LiveState, Reachability, WantedKinds } from "../types.js";

export type ClusterSource = Extract<LiveSource, { type: "cluster" }>;

export async function readFromCluster(source: ClusterSource, wanted: WantedKinds, options: LiveReadOptions): Promise<LiveState> {
  const { readCluster } = await import("../cluster-reader.js");
  return readCluster(source, wanted, options);
}

export async function clusterReachable(source: ClusterSource, options: LiveReadOptions): Promise<Reachability> {
  try {
    const { fetchVersion } = await import("../cluster-reader.js");
    const { server, version } = await fetchVersion(source, options);
    return { reachable: true, server, ...(version ? { version } : {}) };
  } catch (error) {
    const failure = describeError(error);
    return { reachable: false, code: failure.code, message: failure.message };
  }
}
