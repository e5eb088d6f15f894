/** The pod's service account (`inCluster: true`): the bot running inside the cluster it checks. */

import { type ClusterSource, clusterReachable, readFromCluster } from "./cluster.js";
import { defineSource } from "./types.js";

export const inClusterSource = defineSource<ClusterSource>({
  name: "in-cluster",
  accepts: (source): source is ClusterSource => source.type === "cluster" && source.inCluster === true,
  read: readFromCluster,
  reachable: clusterReachable,
});
