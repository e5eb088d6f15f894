import { LineCounter } from "yaml";
import { type Entry, locatorAt, locatorData } from "./locate.js";
import type { ParsedFile } from "./parse.js";
import type { LoadProblem, Resource } from "./resource.js";

/**
 * A parsed file as a worker thread posts it: plain data only. A resource's `locate` is a function,
 * so it travels as what it serves (its position entry, and the file's line table, sent once) and
 * `fromPortable` makes the same locator again on the other side.
 */
export interface PortableFile {
  readonly resources: readonly PortableResource[];
  readonly problems: readonly LoadProblem[];
  /** line starts, one table per pass over the text that made resources */
  readonly lineTables: readonly number[][];
  readonly template?: true;
}

interface PortableResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly object: Resource["object"];
  readonly scope: string;
  readonly file: string;
  readonly documentIndex: number;
  readonly listIndex?: number;
  readonly root: Entry;
  readonly table: number;
}

/** The file as plain data, or undefined when a resource's locator cannot travel (then parse it here). */
export function toPortable(parsed: ParsedFile): PortableFile | undefined {
  const tables = new Map<LineCounter, number>();
  const resources: PortableResource[] = [];
  for (const { apiVersion, kind, name, namespace, object, scope, source } of parsed.resources) {
    const data = locatorData(source.locate);
    if (data === undefined) return undefined;
    const table = tables.get(data.lineCounter) ?? tables.size;
    tables.set(data.lineCounter, table);
    resources.push({
      apiVersion,
      kind,
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      object,
      scope,
      file: source.file,
      documentIndex: source.documentIndex,
      ...(source.listIndex !== undefined ? { listIndex: source.listIndex } : {}),
      root: data.root,
      table,
    });
  }
  return {
    resources,
    problems: parsed.problems,
    lineTables: [...tables.keys()].map((counter) => counter.lineStarts),
    ...(parsed.template ? { template: parsed.template } : {}),
  };
}

/** The parsed file again, shaped (key for key) as `parseManifestText` makes it. */
export function fromPortable(portable: PortableFile): ParsedFile {
  const counters = portable.lineTables.map((starts) => {
    const counter = new LineCounter();
    counter.lineStarts = starts;
    return counter;
  });
  const resources = portable.resources.map((r): Resource => {
    const locate = locatorAt(r.root, counters[r.table] as LineCounter);
    const source =
      r.listIndex !== undefined
        ? { file: r.file, documentIndex: r.documentIndex, listIndex: r.listIndex, locate }
        : { file: r.file, documentIndex: r.documentIndex, locate };
    return {
      apiVersion: r.apiVersion,
      kind: r.kind,
      name: r.name,
      ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
      object: r.object,
      source,
      scope: r.scope,
    };
  });
  const problems = [...portable.problems];
  return portable.template ? { resources, problems, template: portable.template } : { resources, problems };
}
