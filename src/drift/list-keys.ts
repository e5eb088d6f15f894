/**
 * How lists are matched between Git and the cluster. Lists with merge keys (the Kubernetes API's
 * `patchMergeKey` / `x-kubernetes-list-map-keys`) match item by item on their keys, so a container
 * moved in the list is not drift; set lists match by value; every other list is atomic and
 * compares as a whole, position by position.
 */
import { isRecord } from "../manifests/resource.js";

export type ListMatch =
  | { readonly type: "map"; readonly keys: readonly string[] }
  | { readonly type: "set" }
  | { readonly type: "atomic" };

const BY_NAME = { type: "map", keys: ["name"] } as const;
const SET = { type: "set" } as const;
const ATOMIC = { type: "atomic" } as const;

/** Lists keyed the same way wherever they appear (core/v1 PodSpec and friends). */
const MAP_LISTS: Readonly<Record<string, ListMatch>> = {
  containers: BY_NAME,
  initContainers: BY_NAME,
  ephemeralContainers: BY_NAME,
  env: BY_NAME,
  volumes: BY_NAME,
  imagePullSecrets: BY_NAME,
  resourceClaims: BY_NAME,
  schedulingGates: BY_NAME,
  volumeMounts: { type: "map", keys: ["mountPath"] },
  volumeDevices: { type: "map", keys: ["devicePath"] },
  hostAliases: { type: "map", keys: ["ip"] },
  resizePolicy: { type: "map", keys: ["resourceName"] },
  topologySpreadConstraints: { type: "map", keys: ["topologyKey", "whenUnsatisfiable"] },
  webhooks: BY_NAME,
  ownerReferences: { type: "map", keys: ["uid"] },
  versions: BY_NAME,
  conditions: { type: "map", keys: ["type"] },
  finalizers: SET,
  // Endpoints: the endpoints controller and kubectl may list addresses in any order
  addresses: { type: "map", keys: ["ip"] },
  notReadyAddresses: { type: "map", keys: ["ip"] },
};

/** A list's items that are objects with a unique value for every key field. */
function uniquelyKeyed(items: readonly unknown[], keys: readonly string[], defaults: Record<string, unknown>): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    if (!isRecord(item)) return false;
    const values = keys.map((key) => item[key] ?? defaults[key]);
    if (values.some((value) => value === undefined || value === null)) return false;
    const identity = JSON.stringify(values);
    if (seen.has(identity)) return false;
    seen.add(identity);
  }
  return true;
}

/** Defaults the API server fills into key fields before it matches (protocol on ports). */
export function keyDefaults(match: ListMatch): Record<string, unknown> {
  return match.type === "map" && match.keys.includes("protocol") ? { protocol: "TCP" } : {};
}

/**
 * `field` is the list's own key; `learned` the keys the cluster's managedFields used for it, which
 * covers custom resources the table cannot know. Keys only apply when both sides' items carry
 * unique key values; otherwise the list is compared position by position.
 */
export function listMatchFor(
  field: string,
  git: readonly unknown[],
  live: readonly unknown[],
  learned?: readonly string[],
): ListMatch {
  let match: ListMatch = MAP_LISTS[field] ?? ATOMIC;
  if (field === "ports") {
    // container ports and Service ports are both list-maps keyed with the protocol
    const sample = git.find(isRecord) ?? live.find(isRecord);
    if (sample && "containerPort" in sample) match = { type: "map", keys: ["containerPort", "protocol"] };
    else if (sample && "port" in sample) match = { type: "map", keys: ["port", "protocol"] };
  }
  if (match.type === "atomic" && learned && learned.length > 0) match = { type: "map", keys: learned };
  if (match.type !== "map") return match;
  const defaults = keyDefaults(match);
  return uniquelyKeyed(git, match.keys, defaults) && uniquelyKeyed(live, match.keys, defaults) ? match : ATOMIC;
}

/** The identity of an item under a map match, as a string to look it up by. */
export function itemIdentity(item: Record<string, unknown>, match: ListMatch & { type: "map" }): string {
  const defaults = keyDefaults(match);
  return JSON.stringify(match.keys.map((key) => item[key] ?? defaults[key]));
}

/** `web`, `80/TCP`: the item's keys for readable paths. */
export function itemLabel(item: Record<string, unknown>, match: ListMatch & { type: "map" }): string {
  const defaults = keyDefaults(match);
  return match.keys.map((key) => String(item[key] ?? defaults[key])).join("/");
}

export { ATOMIC, SET };
