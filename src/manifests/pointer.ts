/** RFC 6901 JSON pointers: the address every finding, fix and drift uses. */

/** Segments of an RFC 6901 pointer: "" is the whole document, "/" the key "". */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  const segments = pointer.slice(pointer.startsWith("/") ? 1 : 0).split("/");
  // escapes are rare in Kubernetes paths: skip the rewriting unless there is one
  return pointer.includes("~") ? segments.map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~")) : segments;
}

export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + formatPointer(segments);
}

/** The value at a pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (current !== null && typeof current === "object") {
      current = (current as Record<string, unknown>)[segment];
    } else return undefined;
  }
  return current;
}
