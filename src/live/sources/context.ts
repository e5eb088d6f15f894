/** A context of a kubeconfig file (KUBECONFIG or ~/.kube/config unless one is named): `drift --context`. */

import { type ClusterSource, clusterReachable, readFromCluster } from "./cluster.js";
import { defineSource } from "./types.js";

export const contextSource = defineSource<ClusterSource>({
  name: "kubeconfig context",
  accepts: (source): source is ClusterSource => source.type === "cluster" && source.inCluster !== true,
  read: readFromCluster,
  reachable: clusterReachable,
});
