import type { KubeObject } from "../manifests/resource.js";
import type { ApiClient } from "./api-client.js";
import type { ResolvedKind } from "./discovery.js";
import { LiveSourceError } from "./errors.js";

/** Far more pages than any real list has; a server that keeps handing out tokens is broken. */
const MAX_PAGES = 10_000;
/** An expired continue token (HTTP 410) means starting over; twice in a row means give up. */
const MAX_RESTARTS = 1;

export function listPath(kind: ResolvedKind, namespace: string | undefined): string {
  const root = kind.group === "" ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  const scope = kind.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${root}${scope}/${kind.resource}`;
}

/**
 * Every object of one kind in one namespace (or the whole cluster for cluster-scoped kinds), page by
 * page with `limit` and `continue`. All or nothing: a failure on any page throws, so a half-read list
 * is never taken for the whole.
 */
export async function listAll(
  client: ApiClient,
  kind: ResolvedKind,
  namespace: string | undefined,
  pageSize: number,
): Promise<KubeObject[]> {
  const path = listPath(kind, namespace);
  const purpose = {
    verb: "list" as const,
    resource: kind.resource,
    group: kind.group,
    ...(kind.namespaced ? { namespace } : {}),
  };

  for (let restart = 0; ; restart++) {
    const objects: KubeObject[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const query: Record<string, string> = { limit: String(pageSize) };
        if (token !== undefined) query.continue = token;
        const body = await client.getJson(path, query, purpose);
        const { items, next } = readPage(body, path, client.server);
        for (const item of items) objects.push(withType(item, kind));
        if (next === undefined) return objects;
        if (seen.has(next))
          throw new LiveSourceError(
            "bad-response",
            `GET ${path} on ${client.server} repeated a continue token: the list never ends`,
          );
        seen.add(next);
        token = next;
      }
      throw new LiveSourceError("bad-response", `GET ${path} on ${client.server} went on for more than ${MAX_PAGES} pages`);
    } catch (error) {
      const expired = error instanceof LiveSourceError && error.status === 410 && token !== undefined;
      if (expired && restart < MAX_RESTARTS) continue;
      throw error;
    }
  }
}

function readPage(body: unknown, path: string, server: string): { items: KubeObject[]; next: string | undefined } {
  const list = body as { items?: unknown; metadata?: { continue?: unknown } } | null;
  if (list === null || typeof list !== "object" || !Array.isArray(list.items)) {
    throw new LiveSourceError("bad-response", `GET ${path} on ${server} did not answer a list`);
  }
  const items = list.items.filter(
    (item): item is KubeObject => item !== null && typeof item === "object" && !Array.isArray(item),
  );
  const next = list.metadata?.continue;
  return { items, next: typeof next === "string" && next !== "" ? next : undefined };
}

/**
 * Items of a built-in list come without apiVersion and kind (the list carries them); every object
 * handed on is complete, as Git's are. The version is the one asked for, which is the one Git uses.
 */
function withType(item: KubeObject, kind: ResolvedKind): KubeObject {
  return { apiVersion: kind.apiVersion, kind: kind.kind, ...item };
}
