import { parsePointer } from "../manifests/pointer.js";

/**
 * `/spec/template/spec/containers/1/image` → `/spec/template/spec/containers[web]/image`: list
 * positions become names wherever the list item has one, so reordering containers keeps identities.
 */
export function semanticPath(root: unknown, pointer: string): string {
  let current: unknown = root;
  let out = "";
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      const item: unknown = current[Number(segment)];
      const name = item && typeof item === "object" ? (item as { name?: unknown }).name : undefined;
      out += typeof name === "string" ? `[${name}]` : `/${segment}`;
      current = item;
    } else {
      out += `/${segment}`;
      current = current && typeof current === "object" ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}
