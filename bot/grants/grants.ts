/**
 * Which repositories may read which cluster, and where in it: granted by the bot's operator
 * (`PLUMBLINE_CLUSTER_GRANTS`, from the bot's own ConfigMap), never claimed by a repository. A
 * repository's `.github/plumbline.yml` only names a context (or `inCluster: true`); the bot uses it
 * when a grant for that context names the repository, and reads only the namespaces the grant
 * lists, as Argo CD's AppProjects restrict destinations. With no grant, nothing is read.
 *
 *     - context: prod-readonly             # or: inCluster: true
 *       repositories: [octo-org/shop-*]    # and/or owners: [octo-org], installations: [4242]
 *       namespaces: [shop, shop-*]
 *       clusterScoped: false               # cluster-scoped kinds (Namespaces, ClusterRoles…); default false
 */

import { parse } from "yaml";
import { globMatch } from "./glob.js";

export interface ClusterGrant {
  /** a context of the bot's kubeconfig; absent when `inCluster` */
  readonly context?: string;
  readonly inCluster: boolean;
  /** installation ids whose repositories may use the cluster */
  readonly installations: readonly number[];
  /** owner (organisation or user) globs */
  readonly owners: readonly string[];
  /** `owner/name` globs */
  readonly repositories: readonly string[];
  /** namespace globs; `*` grants every namespace */
  readonly namespaces: readonly string[];
  /** whether cluster-scoped kinds may be read */
  readonly clusterScoped: boolean;
}

/** Who asks: the repository and the installation it came through. */
export interface Tenant {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
}

export class GrantsError extends Error {
  override name = "GrantsError";
}

const KEYS = new Set(["context", "inCluster", "installations", "owners", "repositories", "namespaces", "clusterScoped"]);
const WHERE = "PLUMBLINE_CLUSTER_GRANTS";

/** The operator's grants from YAML text; an empty or absent text grants nothing. Throws GrantsError. */
export function parseGrants(text: string | undefined): ClusterGrant[] {
  if (text === undefined || text.trim() === "") return [];
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 0 });
  } catch (error) {
    throw new GrantsError(`${WHERE} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (document === null) return [];
  if (!Array.isArray(document)) throw new GrantsError(`${WHERE} must be a list of grants`);
  return document.map((entry, index) => grant(entry, `${WHERE}[${index}]`));
}

function grant(entry: unknown, at: string): ClusterGrant {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new GrantsError(`${at} must be a map`);
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KEYS.has(key)) throw new GrantsError(`${at}: unknown key "${key}" (known: ${[...KEYS].join(", ")})`);
  }
  const inCluster = flag(record.inCluster, `${at}.inCluster`);
  const context = record.context;
  if (inCluster === (context !== undefined)) throw new GrantsError(`${at}: set either context or inCluster: true`);
  if (context !== undefined && (typeof context !== "string" || context.trim() === "")) {
    throw new GrantsError(`${at}.context must be a context name`);
  }
  const installations = list(
    record.installations,
    `${at}.installations`,
    (value) => Number.isSafeInteger(value) && (value as number) > 0,
  );
  const owners = list(record.owners, `${at}.owners`, isName);
  const repositories = list(record.repositories, `${at}.repositories`, (value) => isName(value) && value.split("/").length === 2);
  if (installations.length + owners.length + repositories.length === 0) {
    throw new GrantsError(`${at}: name who may use it (installations, owners or repositories)`);
  }
  const namespaces = list(record.namespaces, `${at}.namespaces`, isName);
  if (namespaces.length === 0) throw new GrantsError(`${at}.namespaces: list the namespaces it may read ("*" for all)`);
  return {
    ...(typeof context === "string" ? { context } : {}),
    inCluster,
    installations: installations as number[],
    owners: (owners as string[]).map(lower),
    repositories: (repositories as string[]).map(lower),
    namespaces: namespaces as string[],
    clusterScoped: flag(record.clusterScoped, `${at}.clusterScoped`),
  };
}

function flag(value: unknown, at: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw new GrantsError(`${at} must be true or false`);
  return value;
}

function list(value: unknown, at: string, valid: (item: unknown) => boolean): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new GrantsError(`${at} must be a list`);
  const bad = value.findIndex((item) => !valid(item));
  if (bad !== -1) throw new GrantsError(`${at}[${bad}] is not valid`);
  return value;
}

function isName(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && value.length <= 253;
}

/** GitHub logins and repository names are case-insensitive. */
function lower(value: string): string {
  return value.toLowerCase();
}

/** Whether the grant names the tenant. */
export function grantsTenant(grant: ClusterGrant, tenant: Tenant): boolean {
  const owner = lower(tenant.owner);
  const repository = `${owner}/${lower(tenant.repo)}`;
  return (
    grant.installations.includes(tenant.installationId) ||
    grant.owners.some((pattern) => globMatch(lower(pattern), owner)) ||
    grant.repositories.some((pattern) => globMatch(lower(pattern), repository))
  );
}

/** Whether the grant lets its tenants read a namespace (undefined: a cluster-scoped kind). */
export function grantsNamespace(grant: ClusterGrant, namespace: string | undefined): boolean {
  if (namespace === undefined) return grant.clusterScoped;
  return grant.namespaces.some((pattern) => globMatch(pattern, namespace));
}
