/**
 * RFC 6901 pointer segments, exactly as fast-json-patch reads them: `/` names the key "" (the shared
 * parsePointer treats it as the root, which is right for locating findings but not for editing).
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}
