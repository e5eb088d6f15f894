import { type Alias, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, Scalar } from "yaml";

/**
 * The syntax tree of one YAML document as plain data, in one pass over the tree.
 *
 * The `yaml` package's own `toJS` finds each alias's anchor by scanning every anchor and alias before
 * it, which is quadratic in their number (5,000 anchors aliased once took over a minute). Here
 * anchors are remembered in document order as the walk meets them, so an alias costs one lookup.
 * An alias yields the very value of its anchor (shared, not copied), as `toJS` does.
 */

export interface PlainOptions {
  /** most nodes the document may stand for once every alias is expanded */
  readonly maxNodes: number;
  /** called once per map key that repeats an earlier key of the same map */
  readonly onDuplicateKey?: (key: Node) => void;
}

/** The document is larger than `maxNodes`; `byAliases` when aliases made it so. */
export class TooManyNodesError extends Error {
  override name = "TooManyNodesError";
  constructor(
    readonly nodes: number,
    readonly byAliases: boolean,
  ) {
    super(
      byAliases
        ? `aliases expand this document to more than ${nodes} values (an alias bomb?)`
        : `this document has more than ${nodes} values`,
    );
  }
}

/** An alias whose anchor is not (yet) defined: kubectl rejects the document too. */
export class AliasError extends Error {
  override name = "AliasError";
}

interface Converted {
  readonly value: unknown;
  /** nodes this value stands for with every alias expanded */
  readonly size: number;
}

const MERGE_KEY = "<<";

export function toPlain(root: Node | null, options: PlainOptions): unknown {
  const anchors = new Map<string, Converted | undefined>();
  let expanded = 0;
  let aliased = false;
  const count = (size: number) => {
    expanded += size;
    if (expanded > options.maxNodes) throw new TooManyNodesError(options.maxNodes, aliased);
  };

  const convert = (node: unknown): Converted => {
    if (node === null || node === undefined) {
      count(1);
      return { value: null, size: 1 };
    }
    if (isAlias(node)) return resolve(node);
    const anchor = (node as Node).anchor;
    // an alias inside its own anchor would be a cycle: it finds the anchor unfinished
    if (anchor) anchors.set(anchor, undefined);
    let converted: Converted;
    if (isScalar(node)) {
      count(1);
      converted = { value: scalarValue(node), size: 1 };
    } else if (isMap(node)) converted = convertMap(node.items as Pair[]);
    else if (isSeq(node)) converted = convertSeq(node.items);
    else throw new AliasError("unsupported YAML node");
    if (anchor) anchors.set(anchor, converted);
    return converted;
  };

  const resolve = (alias: Alias): Converted => {
    const target = anchors.get(alias.source);
    if (!target) throw new AliasError(`alias *${alias.source} has no finished anchor before it`);
    aliased = true;
    count(target.size);
    return target;
  };

  const convertSeq = (items: readonly unknown[]): Converted => {
    count(1);
    let size = 1;
    const value: unknown[] = [];
    for (const item of items) {
      // a pair in a sequence (`!!omap`, `!!pairs`, `- a: b` in flow) is a one-key map
      const converted = isPair(item) ? convertMap([item as Pair]) : convert(item);
      value.push(converted.value);
      size += converted.size;
    }
    return { value, size };
  };

  const convertMap = (pairs: readonly Pair[]): Converted => {
    count(1);
    let size = 1;
    const value: Record<string, unknown> = {};
    const written = new Set<string>();
    for (const pair of pairs) {
      if (isMergeKey(pair.key)) {
        const merged = convert(pair.value);
        size += merged.size;
        for (const source of Array.isArray(merged.value) ? merged.value : [merged.value]) mergeInto(value, source);
        continue;
      }
      const key = convert(pair.key);
      const name = keyString(key.value);
      const converted = convert(pair.value);
      size += key.size + converted.size;
      if (written.has(name)) options.onDuplicateKey?.(pair.key as Node);
      written.add(name);
      // defineProperty, so `__proto__` is a key like any other and never the object's prototype
      Object.defineProperty(value, name, { value: converted.value, writable: true, enumerable: true, configurable: true });
    }
    return { value, size };
  };

  return convert(root).value;
}

function scalarValue(node: Scalar): unknown {
  const { value } = node;
  return typeof value === "bigint" ? Number(value) : value;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const { value } = key;
  if (typeof value === "symbol") return value.description === MERGE_KEY;
  return value === MERGE_KEY && (key.type === undefined || key.type === Scalar.PLAIN) && key.tag === undefined;
}

/** YAML 1.1 merge: keys the map does not have yet come from the merged map(s), earlier ones first. */
function mergeInto(target: Record<string, unknown>, source: unknown): void {
  if (source === null || typeof source !== "object" || Array.isArray(source)) return;
  for (const [key, value] of Object.entries(source)) {
    if (!Object.hasOwn(target, key)) {
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    }
  }
}

/** How a key reads as a JSON object key, as the `yaml` package writes it. */
function keyString(key: unknown): string {
  if (key === null || key === undefined) return "";
  if (typeof key !== "object") return String(key);
  return JSON.stringify(key) ?? "";
}
