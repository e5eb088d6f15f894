/**
 * The ignore rule a controller-owned change calls for, written so it keeps matching: list items by
 * their name (a jq `select`, as Argo CD users write them) rather than by a position that moves when
 * a container is added.
 */

import { isRecord } from "../manifests/resource.js";

/**
 * `.spec.template.spec.containers[] | select(.name == "web") | .resources.requests.cpu` for a path
 * through named list items; undefined when no item on the path has a name (a pointer says it then).
 */
export function namedJqPath(object: unknown, segments: readonly (string | number)[]): string | undefined {
  let jq = "";
  let named = false;
  let value: unknown = object;
  for (const segment of segments) {
    if (typeof segment === "number") {
      const item: unknown = Array.isArray(value) ? value[segment] : undefined;
      const name = isRecord(item) ? item.name : undefined;
      if (typeof name !== "string") return undefined;
      jq += `[] | select(.name == ${JSON.stringify(name)}) | `;
      named = true;
      value = item;
      continue;
    }
    jq += /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
    value = isRecord(value) ? value[segment] : undefined;
  }
  if (!named) return undefined;
  // a path that ends on a list item ends in "| "
  return jq.replace(/ \| $/, "").replace(/\| \[/g, "| .[");
}
