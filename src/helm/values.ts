/**
 * The values behind one rendering, layer by layer, with where each key is written: the chart's
 * `values.yaml`, the value set's files in `-f` order, and `set:` on top (helm's precedence). A subchart
 * sees its own `values.yaml` under the parent's `<subchart>:` section.
 */
import { readFile } from "node:fs/promises";
import { isMap, LineCounter, parseDocument } from "yaml";
import { createLocator, type Locator } from "../manifests/locate.js";
import { formatPointer } from "../manifests/pointer.js";
import { isRecord } from "../manifests/resource.js";

export interface ValuesLayer {
  /** the file as findings show it; undefined for `set:` */
  readonly display?: string;
  readonly object: Record<string, unknown>;
  readonly locate?: Locator;
  /** where this layer's keys sit in the scope of the chart asking (a subchart's section of the parent's) */
  readonly prefix: readonly string[];
}

export interface ValueOrigin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer in the values file's document */
  readonly pointer: string;
}

/** A values file, read for tracing; a file that does not parse traces nothing (helm says why). */
export async function readValuesLayer(absolute: string, display: string): Promise<ValuesLayer | undefined> {
  const text = await readFile(absolute, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  let object: unknown;
  try {
    object = document.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isRecord(object)) return undefined;
  return { display, object, locate: createLocator(document, document.contents, lineCounter), prefix: [] };
}

/** `set:`'s dotted keys as the nested object helm makes of them. */
export function setObject(set: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) {
    const parts = key.split(".");
    let at = out;
    for (const part of parts.slice(0, -1)) {
      if (!isRecord(at[part])) at[part] = {};
      at = at[part] as Record<string, unknown>;
    }
    at[parts.at(-1) as string] = value;
  }
  return out;
}

/** The values one chart's templates see, and where each was set. Layers are lowest precedence first. */
export class ValuesScope {
  constructor(private readonly layers: readonly ValuesLayer[]) {}

  /** The value at a path as helm merges it: maps merged, anything else taken from the highest layer. */
  value(path: readonly string[]): unknown {
    let merged: unknown;
    let found = false;
    for (const layer of this.layers) {
      const own = at(layer.object, path, layer.prefix);
      if (own === MISSING) continue;
      if (own === null) {
        merged = undefined;
        found = false;
        continue;
      }
      merged = found && isRecord(merged) && isRecord(own) ? coalesce(merged, own) : own;
      found = true;
    }
    return found ? merged : MISSING;
  }

  /** The file and line that set the path, highest precedence first; undefined when `set:` did or nothing. */
  origin(path: readonly string[]): ValueOrigin | undefined {
    for (const layer of [...this.layers].reverse()) {
      const own = at(layer.object, path, layer.prefix);
      if (own === MISSING) continue;
      if (!layer.display || !layer.locate) return undefined;
      const pointer = formatPointer([...layer.prefix, ...path]);
      const { line, column } = layer.locate(pointer);
      return { file: layer.display, line, column, pointer };
    }
    return undefined;
  }

  /** The scope a vendored subchart's templates see: its own values under the parent's `<name>:` section. */
  subchart(name: string, own: ValuesLayer | undefined): ValuesScope {
    const layers = this.layers.map((layer) => ({ ...layer, prefix: [...layer.prefix, name] }));
    return new ValuesScope(own ? [own, ...layers] : layers);
  }
}

export const MISSING: unique symbol = Symbol("missing");

function at(object: unknown, path: readonly string[], prefix: readonly string[]): unknown {
  let value = object;
  for (const segment of [...prefix, ...path]) {
    if (!isRecord(value) || !Object.hasOwn(value, segment)) return MISSING;
    value = value[segment];
  }
  return value;
}

function coalesce(lower: Record<string, unknown>, higher: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...lower };
  for (const [key, value] of Object.entries(higher)) {
    if (value === null) delete out[key];
    else out[key] = isRecord(out[key]) && isRecord(value) ? coalesce(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}
