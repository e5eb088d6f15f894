import type { ApiClient } from "./api-client.js";
import { isFatal, LiveSourceError } from "./errors.js";
import { mapPooled } from "./pool.js";
import type { UnlistedReason } from "./types.js";

/** What discovery says about one wanted kind, enough to build its list URL. */
export interface ResolvedKind {
  readonly apiVersion: string;
  /** `` for core */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** plural resource name */
  readonly resource: string;
  readonly namespaced: boolean;
}

export type KindOutcome =
  | { readonly resolved: ResolvedKind }
  | { readonly unlisted: { readonly reason: UnlistedReason; readonly message: string } };

export interface KindRef {
  readonly apiVersion: string;
  readonly kind: string;
}

export function kindKey(ref: KindRef): string {
  return `${ref.apiVersion}\u0000${ref.kind}`;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/**
 * Asks the server, for each wanted kind, its plural name and scope: `/api/v1` for the core group,
 * `/apis` to see which groups and versions are served, `/apis/<group>/<version>` for the others
 * (custom resources included). Only the group versions Git uses are fetched.
 *
 * A root document (`/api/v1`, `/apis`) that cannot be read throws: without it nothing can be said.
 * A group version that fails leaves only its kinds unlisted.
 */
export async function discoverKinds(
  client: ApiClient,
  wanted: readonly KindRef[],
  concurrency: number,
): Promise<Map<string, KindOutcome>> {
  const byVersion = new Map<string, Set<string>>();
  for (const { apiVersion, kind } of wanted) {
    const kinds = byVersion.get(apiVersion) ?? new Set<string>();
    kinds.add(kind);
    byVersion.set(apiVersion, kinds);
  }
  const groupVersions = [...byVersion.keys()];
  const served = groupVersions.some((apiVersion) => apiVersion.includes("/")) ? await servedGroups(client) : new Map();

  const outcomes = new Map<string, KindOutcome>();
  await mapPooled(groupVersions, concurrency, async (apiVersion) => {
    const kinds = [...(byVersion.get(apiVersion) ?? [])];
    const set = (kind: string, outcome: KindOutcome) => outcomes.set(kindKey({ apiVersion, kind }), outcome);
    const [group, version] = splitApiVersion(apiVersion);

    if (group !== "") {
      const versions = served.get(group);
      const missing =
        versions === undefined
          ? `no API group "${group}"`
          : versions.includes(version)
            ? undefined
            : `API group "${group}" serves ${versions.join(", ")}`;
      if (missing !== undefined) {
        for (const kind of kinds) set(kind, notServed(`${apiVersion} ${kind} is not served by the cluster (${missing})`));
        return;
      }
    }

    let resources: ApiResource[] | undefined;
    try {
      resources = await resourceList(client, group, version);
    } catch (error) {
      const failure = error as LiveSourceError;
      // the core list is a root document; the others fail alone (an aggregated API that is down, say)
      if (!(failure instanceof LiveSourceError) || isFatal(failure) || group === "") throw failure;
      for (const kind of kinds) set(kind, { unlisted: { reason: failure.code, message: failure.message } });
      return;
    }
    if (resources === undefined) {
      for (const kind of kinds) set(kind, notServed(`${apiVersion} ${kind} is not served by the cluster`));
      return;
    }
    for (const kind of kinds) {
      const resource = resources.find((candidate) => candidate.kind === kind && !candidate.name.includes("/"));
      if (!resource)
        set(kind, notServed(`${apiVersion} ${kind} is not served by the cluster (${apiVersion} has no kind ${kind})`));
      else if (!resource.verbs.includes("list")) {
        set(kind, notServed(`${apiVersion} ${kind} cannot be listed (the server offers no "list" on ${resource.name})`));
      } else {
        set(kind, { resolved: { apiVersion, group, version, kind, resource: resource.name, namespaced: resource.namespaced } });
      }
    }
  });
  return outcomes;
}

function notServed(message: string): KindOutcome {
  return { unlisted: { reason: "not-served", message } };
}

export function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** `/apis`: group name → served versions. */
async function servedGroups(client: ApiClient): Promise<Map<string, string[]>> {
  const body = (await client.getJson("/apis", {}, { verb: "get" })) as { kind?: unknown; groups?: unknown };
  if (body?.kind !== "APIGroupList" || !Array.isArray(body.groups)) {
    throw new LiveSourceError(
      "bad-response",
      `GET /apis on ${client.server} did not answer an APIGroupList: is this a Kubernetes API server?`,
    );
  }
  const groups = new Map<string, string[]>();
  for (const group of body.groups as Array<{ name?: unknown; versions?: Array<{ version?: unknown }> }>) {
    if (typeof group?.name !== "string" || !Array.isArray(group.versions)) continue;
    groups.set(
      group.name,
      group.versions.map((entry) => entry?.version).filter((version): version is string => typeof version === "string"),
    );
  }
  return groups;
}

/** `/api/v1` or `/apis/<group>/<version>`; undefined when the server says it does not exist. */
async function resourceList(client: ApiClient, group: string, version: string): Promise<ApiResource[] | undefined> {
  const path =
    group === "" ? `/api/${encodeURIComponent(version)}` : `/apis/${encodeURIComponent(group)}/${encodeURIComponent(version)}`;
  let body: { kind?: unknown; resources?: unknown };
  try {
    body = (await client.getJson(path, {}, { verb: "get" })) as typeof body;
  } catch (error) {
    if (error instanceof LiveSourceError && error.code === "not-found") return undefined;
    throw error;
  }
  if (body?.kind !== "APIResourceList" || !Array.isArray(body.resources)) {
    throw new LiveSourceError("bad-response", `GET ${path} on ${client.server} did not answer an APIResourceList`);
  }
  return (body.resources as Array<Partial<ApiResource>>).filter(
    (resource): resource is ApiResource =>
      typeof resource?.name === "string" &&
      typeof resource.kind === "string" &&
      typeof resource.namespaced === "boolean" &&
      Array.isArray(resource.verbs),
  );
}
