/**
 * Turns a repository's `drift.clusters[]` entry into what the live reader may use: the source and
 * the namespaces its grants allow, or a refusal. The refusal names only what the repository itself
 * asked for: never another context, a server, or another tenant, and it reads the same whether the
 * context exists or not, so a repository cannot learn what the bot holds.
 */

import type { DriftCluster } from "../../src/drift/config.js";
import type { LiveSource } from "../../src/live/index.js";
import { type ClusterGrant, grantsNamespace, grantsTenant, type Tenant } from "./grants.js";

export type ClusterAccessResult =
  | {
      readonly granted: true;
      readonly source: Extract<LiveSource, { type: "cluster" }>;
      /** names the cluster in health records and metrics: the operator's name for it, never a URL */
      readonly key: string;
      /** the reader's gate: may this namespace (undefined: cluster scope) be read? */
      readonly allowNamespace: (namespace: string | undefined) => boolean;
    }
  | { readonly granted: false; readonly message: string };

export class ClusterAccess {
  constructor(
    private readonly grants: readonly ClusterGrant[],
    private readonly kubeconfig?: string,
  ) {}

  resolve(tenant: Tenant, cluster: DriftCluster): ClusterAccessResult {
    // plain text: whoever shows it escapes it for where it goes
    const asked = cluster.inCluster ? "in-cluster access" : cluster.context ? `context "${cluster.context}"` : undefined;
    if (asked === undefined) {
      return { granted: false, message: `cluster "${cluster.name}" names no context: set context or inCluster: true` };
    }
    const matching = this.grants.filter(
      (grant) => (cluster.inCluster ? grant.inCluster : grant.context === cluster.context) && grantsTenant(grant, tenant),
    );
    if (matching.length === 0) {
      return {
        granted: false,
        message: `cluster "${cluster.name}": ${asked} is not granted to this repository. The bot's operator grants clusters to repositories (docs/bot.md, "Grant clusters to repositories").`,
      };
    }
    const source: Extract<LiveSource, { type: "cluster" }> = cluster.inCluster
      ? { type: "cluster", inCluster: true }
      : {
          type: "cluster",
          ...(cluster.context ? { context: cluster.context } : {}),
          ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}),
        };
    return {
      granted: true,
      source,
      key: cluster.inCluster ? "in-cluster" : `context:${cluster.context}`,
      allowNamespace: (namespace) => matching.some((grant) => grantsNamespace(grant, namespace)),
    };
  }
}
