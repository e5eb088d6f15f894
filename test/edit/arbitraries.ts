import fc from "fast-check";
import jsonPatch, { type Operation } from "fast-json-patch";
import { Document, type Node, parse, parseAllDocuments, type Scalar, visit } from "yaml";
import type { JsonValue } from "../../src/edit/json-value.js";
import { formatPointer, parsePointer as pointerSegments } from "../../src/manifests/pointer.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";

/** Random manifests in random YAML styles, and random valid patches for them. */

const KEYS = [
  "name",
  "image",
  "a",
  "b",
  "spec",
  "items",
  "y",
  "on",
  "a b",
  "app.kubernetes.io/name",
  "x-1",
  "1",
  "true",
  "",
  "k: v",
  "#k",
  "-",
  "ü",
  "cpu",
];
const TRICKY_STRINGS = [
  "1.0",
  "true",
  "0755",
  "yes",
  "on",
  "",
  "~",
  "null",
  "a: b",
  "a #b",
  "- x",
  "multi\nline\n",
  "tail\n\n",
  "x\ny",
  "it's",
  '"q"',
  "100m",
  "1Gi",
  "2024-01-01",
  " lead",
  "trail ",
  "\ttab",
  "0o17",
  "1_000",
  "*x",
  "&a",
  "!t",
  "%p",
  "@x",
  "`x",
  "{a}",
  "[b]",
  ",c",
  "# not a comment",
  "nginx:1.25",
  "--flag=1",
  "é ü",
  "line\r\nbreak",
];

export const keyArb = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }));
const stringArb = fc.oneof(fc.constantFrom(...TRICKY_STRINGS), fc.string({ maxLength: 10 }));
const numberArb = fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.constantFrom(0.5, 1.5e-7, 3.25, 1e21, -2.5));
export const scalarArb: fc.Arbitrary<JsonValue> = fc.oneof(stringArb, numberArb, fc.boolean(), fc.constant(null));

const { value: valueArb } = fc.letrec<{ value: JsonValue; map: JsonValue; seq: JsonValue }>((tie) => ({
  value: fc.oneof({ depthSize: "small", maxDepth: 3 }, scalarArb, tie("map"), tie("seq")),
  map: fc.dictionary(keyArb, tie("value"), { maxKeys: 4, noNullPrototype: true }) as fc.Arbitrary<JsonValue>,
  seq: fc.array(tie("value"), { maxLength: 4 }),
}));

export { valueArb };

export const manifestArb = fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 5, noNullPrototype: true }) as fc.Arbitrary<
  Record<string, JsonValue>
>;

/** A small deterministic generator, so one integer picks every style choice of a rendering. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALAR_STYLES = ["PLAIN", "QUOTE_SINGLE", "QUOTE_DOUBLE", "BLOCK_LITERAL", "BLOCK_FOLDED"] as const;

/**
 * YAML text for `value` with random flow/block collections, quoting, block scalars, comments before
 * entries and after values, blank lines, indentation and line width. Undefined when the yaml library
 * cannot write it so that it reads back the same (rare; those cases are skipped).
 */
export function renderManifest(value: Record<string, JsonValue>, seed: number): string | undefined {
  const next = random(seed);
  const chance = (p: number) => next() < p;
  const document = new Document(value, { version: "1.1" });
  let counter = 0;
  const keys = new Set<Node>();
  visit(document, {
    Pair(_, pair) {
      const key = pair.key as Node;
      keys.add(key);
      // mostly keys the usual way; now and then an explicit `? key`, which the engine refuses to edit
      if (typeof (key as Scalar).value === "string") {
        (key as Scalar).type = SCALAR_STYLES[chance(0.03) ? 3 : Math.floor(next() * 3)] as Scalar.Type;
      }
      if (chance(0.25)) key.commentBefore = ` about ${counter++}`;
      if (chance(0.15)) key.spaceBefore = true;
    },
    Map(_, map) {
      if (chance(0.15)) map.flow = true;
    },
    Seq(_, seq) {
      if (chance(0.2)) seq.flow = true;
      for (const item of seq.items) {
        if (chance(0.2) && item && typeof item === "object") (item as Node).commentBefore = ` item ${counter++}`;
      }
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === "string" && !keys.has(scalar))
        scalar.type = SCALAR_STYLES[Math.floor(next() * SCALAR_STYLES.length)] as Scalar.Type;
      if (chance(0.2)) scalar.comment = ` note ${counter++}`;
    },
  });
  const text = document.toString({
    indent: chance(0.3) ? 4 : 2,
    indentSeq: chance(0.5),
    lineWidth: chance(0.5) ? 0 : 40,
    minContentWidth: 10,
  });
  try {
    return jsonEqual(parse(text, KUBE_YAML), value) ? text : undefined;
  } catch {
    return undefined;
  }
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export interface OpChoice {
  readonly kind: number;
  readonly pick: number;
  readonly pick2: number;
  readonly key: string;
  readonly value: JsonValue;
}

export const opChoicesArb = fc.array(
  fc.record({ kind: fc.nat(5), pick: fc.nat(), pick2: fc.nat(), key: keyArb, value: valueArb }),
  { minLength: 1, maxLength: 4 },
);

type Path = string[];

function pathsOf(value: JsonValue, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...at, String(index)]))];
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  }
  return here;
}

function valueAt(root: JsonValue, path: Path): JsonValue {
  return path.reduce<JsonValue>((current, segment) => (current as Record<string, JsonValue>)[segment] as JsonValue, root);
}

function isPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** Turns random choices into operations that are valid, one after the other, for `document`. */
export function buildOps(document: JsonValue, choices: readonly OpChoice[]): Operation[] {
  let state = structuredClone(document);
  const ops: Operation[] = [];
  for (const choice of choices) {
    const all = pathsOf(state);
    const inner = all.filter((path) => path.length > 0);
    const containers = all.filter((path) => {
      const value = valueAt(state, path);
      return value !== null && typeof value === "object";
    });
    const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(1, list.length)];
    const target = (container: Path, n: number): string => {
      const value = valueAt(state, container);
      if (Array.isArray(value)) return formatPointer([...container, n % 3 === 0 ? "-" : String(n % (value.length + 1))]);
      return formatPointer([...container, choice.key]);
    };
    let op: Operation | undefined;
    const path = pick(inner, choice.pick);
    switch (choice.kind) {
      case 0:
        if (path) op = { op: "replace", path: formatPointer(path), value: choice.value };
        break;
      case 1:
        if (path) op = { op: "remove", path: formatPointer(path) };
        break;
      case 2: {
        const container = pick(containers, choice.pick) as Path;
        op = { op: "add", path: target(container, choice.pick2), value: choice.value };
        break;
      }
      case 3: {
        if (!path) break;
        const destinations = containers.filter((container) => !isPrefix(path, container));
        const container = pick(destinations, choice.pick2);
        if (container) op = { op: "move", from: formatPointer(path), path: target(container, choice.pick2) };
        break;
      }
      case 4: {
        const container = pick(containers, choice.pick2) as Path;
        if (path) op = { op: "copy", from: formatPointer(path), path: target(container, choice.pick) };
        break;
      }
      default:
        if (path) op = { op: "test", path: formatPointer(path), value: structuredClone(valueAt(state, path)) };
    }
    if (!op) continue;
    try {
      // a move is a remove then an add (RFC 6902), each checked on the document as it then is
      const steps: Operation[] =
        op.op === "move"
          ? [
              { op: "remove", path: op.from },
              { op: "add", path: op.path, value: valueAt(state, pointerSegments(op.from)) },
            ]
          : [op];
      let next = structuredClone(state);
      for (const step of steps) next = jsonPatch.applyOperation(next, structuredClone(step), true, true).newDocument as JsonValue;
      state = next;
      ops.push(op);
    } catch {
      // an operation the state cannot take (e.g. a key that reads back as a different one): skip it
    }
  }
  return ops;
}

export interface GeneratedFile {
  readonly text: string;
  readonly eol: string;
  /** each document as kubectl reads it back from `text` */
  readonly objects: JsonValue[];
}

/** A file of one to three random documents behind a header comment, LF or CRLF, maybe without a final break. */
export const fileArb: fc.Arbitrary<GeneratedFile> = fc
  .record({
    manifests: fc.array(manifestArb, { minLength: 1, maxLength: 3 }),
    seed: fc.integer(),
    eol: fc.constantFrom("\n", "\r\n"),
    finalEol: fc.boolean(),
  })
  .map(({ manifests, seed, eol, finalEol }): GeneratedFile | undefined => {
    const texts = manifests.map((manifest, index) => renderManifest(manifest, seed + index));
    if (texts.some((text) => text === undefined)) return undefined;
    const documents = texts.map((text) => (text as string).replace(/\n$/, "").replaceAll("\n", eol));
    const text = `# generated${eol}${documents.join(`${eol}---${eol}`)}${finalEol ? eol : ""}`;
    // read back from the file: dropping the final line break can change a kept (`|+`) block scalar
    const objects = parseAllDocuments(text, KUBE_YAML).map((document) => document.toJS() as JsonValue);
    return { text, eol, objects };
  })
  .filter((file): file is GeneratedFile => file !== undefined);
