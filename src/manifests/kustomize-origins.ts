import { isDeepStrictEqual } from "node:util";
import { formatPointer, parsePointer, valueAt } from "./pointer.js";
import type { Resource } from "./resource.js";

/** A raw document a rendered object may come from: a whole resource, or a patch laid over one. */
export interface SourceDocument {
  readonly resource: Resource;
  readonly patch: boolean;
}

/** What a kustomization does to names, all that tracing an object back needs of it (./kustomize.ts reads the rest). */
export interface NameAffixes {
  readonly namePrefix: string;
  readonly nameSuffix: string;
}

export function findOrigins(rendered: Resource, sources: SourceDocument[], kustomization: NameAffixes): SourceDocument[] {
  const sameKind = sources.filter((s) => s.resource.kind === rendered.kind);
  const end = rendered.name.length - kustomization.nameSuffix.length;
  const unprefixed = rendered.name.slice(kustomization.namePrefix.length, end);
  const exact = sameKind.filter((s) => s.resource.name === rendered.name || s.resource.name === unprefixed);
  if (exact.length > 0) return exact;
  const contained = sameKind.filter((s) => s.resource.name !== "" && rendered.name.includes(s.resource.name));
  const longest = Math.max(0, ...contained.map((s) => s.resource.name.length));
  return contained.filter((s) => s.resource.name.length === longest);
}

/**
 * Points a field of the rendered object at the document that set it: the last patch whose value at that
 * field equals the rendered one, else the resource the patches were laid over.
 */
export function locateAcross(rendered: Resource, origins: SourceDocument[], primary: SourceDocument) {
  return (pointer: string) => {
    const value = valueAt(rendered.object, pointer);
    for (const origin of [...origins].reverse()) {
      if (!origin.patch) continue;
      const translated = translatePointer(rendered.object, pointer, origin.resource.object);
      if (translated !== undefined && isDeepStrictEqual(valueAt(origin.resource.object, translated), value)) {
        return { ...origin.resource.source.locate(translated), file: origin.resource.source.file };
      }
    }
    const translated = translatePointer(rendered.object, pointer, primary.resource.object) ?? pointer;
    return { ...primary.resource.source.locate(translated), file: primary.resource.source.file };
  };
}

/** The same field in another version of the object: list items are matched by `name`, not position. */
function translatePointer(from: unknown, pointer: string, to: unknown): string | undefined {
  const out: string[] = [];
  let left = from;
  let right = to;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(left)) {
      const item = left[Number(segment)] as { name?: unknown } | undefined;
      if (!Array.isArray(right)) return undefined;
      const index =
        typeof item?.name === "string"
          ? right.findIndex((candidate) => (candidate as { name?: unknown })?.name === item.name)
          : Number(segment);
      if (index < 0 || index >= right.length) return undefined;
      out.push(String(index));
      left = item;
      right = right[index];
    } else {
      out.push(segment);
      left = (left as Record<string, unknown> | undefined)?.[segment];
      right = (right as Record<string, unknown> | undefined)?.[segment];
    }
  }
  return formatPointer(out);
}
