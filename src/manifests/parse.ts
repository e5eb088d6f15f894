import { Composer, CST, Document, isMap, isScalar, isSeq, Lexer, LineCounter, type Node, Parser } from "yaml";
import { hasTemplateStructure, isGoTemplate } from "./detect.js";
import { DEFAULT_LIMITS, type FileLimits, MAX_NODES_PER_DOCUMENT, MAX_PROBLEMS_PER_FILE } from "./limits.js";
import { documentLocators } from "./locate.js";
import { reindentQuotedScalars } from "./quoted-lines.js";
import type { KubeObject, LoadProblem, Resource, ResourceSource, SourceLocation } from "./resource.js";
import { TooManyNodesError, toPlain } from "./to-plain.js";
import { KUBE_YAML } from "./yaml-options.js";

export interface ParsedFile {
  readonly resources: Resource[];
  readonly problems: LoadProblem[];
  /** set when the file is a Go/Helm template (see detect.ts): nothing in it was read */
  readonly template?: true;
}

/** Configuration files of tools that share the manifest syntax but are never applied to a cluster. */
const NOT_CLUSTER_OBJECTS = [
  /^kustomize\.config\.k8s\.io\//,
  /^config\.kubernetes\.io\//,
  /^kubeadm\.k8s\.io\//,
  /^kind\.x-k8s\.io\//,
  /^kubelet\.config\.k8s\.io\//,
];

export function isClusterObject(value: unknown): value is KubeObject & { apiVersion: string; kind: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as KubeObject;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || apiVersion === "" || kind === "") return false;
  if (kind === "Config" && apiVersion === "v1") return false; // a kubeconfig, full of credentials
  return !NOT_CLUSTER_OBJECTS.some((pattern) => pattern.test(apiVersion));
}

/** The composer's own duplicate-key check is quadratic in a map's size: keys are checked in `toPlain`. */
const STREAM_OPTIONS = { ...KUBE_YAML, uniqueKeys: false } as const;
/** One schema for every document: building it per document was most of the cost of many small ones. */
const SCHEMA = new Document(null, STREAM_OPTIONS).schema;

/** A quoted scalar the parser stopped reading at a line end: kubectl may read on (see quoted-lines.ts). */
const UNCLOSED_QUOTE = /^Missing closing ["']quote/;

/**
 * Turns one file's text into resources that know where each of their fields was written.
 * Documents that are not Kubernetes objects are skipped without a word; broken ones become problems.
 * Documents are composed one at a time and their syntax trees dropped, so memory follows the largest
 * document, not the file.
 */
export function parseManifestText(text: string, file: string, scope: string, limits: FileLimits = DEFAULT_LIMITS): ParsedFile {
  // old Mac files end lines with a lone CR, which YAML (and kubectl) read as a line break; the
  // `yaml` package does not, so it becomes LF: the same length, so every offset stays put
  const normalised = text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
  let first: Pass;
  try {
    first = parseDocuments(normalised, file, scope, limits);
  } catch (error) {
    if (!(error instanceof OversizedError)) throw error;
    return { resources: [], problems: [{ kind: "too-large", file, line: 1, column: 1, message: `skipped: ${error.message}` }] };
  }
  const repaired = first.unclosedQuotes.length > 0 ? reindentQuotedScalars(normalised, first.unclosedQuotes) : undefined;
  // the repaired text is the first one with spaces added at line starts: already within the bounds
  const { resources, problems, template } = repaired === undefined ? first : parseDocuments(repaired, file, scope);
  return template ? { resources: [], problems: [], template } : { resources, problems };
}

/** Too many documents in the file, or a document with too many tokens: the whole file is skipped. */
class OversizedError extends Error {}

/**
 * The parser's tokens, counted as they go by: the `yaml` package's trees take a few hundred bytes a
 * token, so a document over the bound stops the file before its tree grows past it. Counting here
 * rather than in a lexing pass of its own reads the text once (the separate pass was a sixth of
 * the loader's time).
 */
function* boundedParse(text: string, lineCounter: LineCounter, limits: FileLimits | undefined): Generator<CST.Token> {
  const parser = new Parser(lineCounter.addNewLine);
  if (limits === undefined) {
    yield* parser.parse(text);
    return;
  }
  lineCounter.addNewLine(0); // as Parser.parse does before the first token
  let documents = 1;
  let tokens = 0;
  let previous = "";
  for (const token of new Lexer().lex(text)) {
    // `---` starts a document unless it is the text of a plain scalar (which follows the scalar flag)
    if ((token === "---" && previous !== CST.SCALAR) || token === "...") {
      if (tokens > 0 && ++documents > limits.documents)
        throw new OversizedError(`more than ${limits.documents} YAML documents in one file`);
      tokens = 0;
    } else if (++tokens > limits.tokensPerDocument) {
      throw new OversizedError(`document ${documents} has more than ${limits.tokensPerDocument} YAML tokens`);
    }
    previous = token;
    yield* parser.next(token);
  }
  yield* parser.end();
}

interface Pass extends ParsedFile {
  /** offsets where a quoted scalar was left open at a line end */
  readonly unclosedQuotes: number[];
}

/** `limits` undefined: the text is known to be within them (and documents are not counted again). */
function parseDocuments(text: string, file: string, scope: string, limits?: FileLimits): Pass {
  const lineCounter = new LineCounter();
  const composer = new Composer({ ...STREAM_OPTIONS, schema: SCHEMA });
  const resources: Resource[] = [];
  const problems = new ProblemList(file);
  const unclosedQuotes: number[] = [];
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const mayBeTemplate = text.includes("{{");
  let actions: boolean | undefined; // template actions outside comments anywhere in the file, looked for once
  let template = false;
  let documentIndex = -1;
  for (const document of composer.compose(boundedParse(text, lineCounter, limits), true)) {
    documentIndex++;
    if (limits !== undefined && documentIndex >= limits.documents) {
      const message = `skipped: more than ${limits.documents} YAML documents in one file`;
      return { resources: [], problems: [{ kind: "too-large", file, line: 1, column: 1, message }], unclosedQuotes: [] };
    }
    for (const error of document.errors) {
      if (error.code === "MISSING_CHAR" && UNCLOSED_QUOTE.test(error.message)) unclosedQuotes.push(error.pos[0]);
      problems.add({ kind: "syntax", ...position(error.pos[0]), message: firstLine(error.message) });
    }
    if (mayBeTemplate && !template) {
      if (document.errors.length > 0) template = actions ??= isGoTemplate(text);
      else template = hasTemplateStructure(document.contents, text);
    }
    if (document.errors.length > 0 || document.contents === null) continue;

    let value: unknown;
    try {
      value = toPlain(document.contents, {
        maxNodes: MAX_NODES_PER_DOCUMENT,
        onDuplicateKey: (key) =>
          problems.add({ kind: "duplicate-key", ...position(key.range?.[0] ?? 0), message: duplicateKeyMessage(key) }),
      });
    } catch (error) {
      const at = position(document.contents.range[0]);
      if (error instanceof TooManyNodesError && !error.byAliases) {
        problems.add({ kind: "too-large", ...at, message: `skipped: document ${documentIndex + 1}: ${error.message}` });
      } else problems.add({ kind: "syntax", ...at, message: `cannot be read: ${(error as Error).message}` });
      continue;
    }
    if (!isClusterObject(value)) continue;

    const locators = documentLocators(document, lineCounter);
    const root = document.contents as Node;
    const items = listItems(value);
    if (items) {
      const itemsNode = childNode(root, "items");
      items.forEach((item, listIndex) => {
        if (!isClusterObject(item)) return;
        const itemNode = itemsNode && isSeq(itemsNode) ? (itemsNode.items[listIndex] as Node | undefined) : undefined;
        resources.push(toResource(item, { file, documentIndex, listIndex, locate: locators(itemNode ?? root) }, scope));
      });
      continue;
    }
    resources.push(toResource(value, { file, documentIndex, locate: locators(root) }, scope));
  }
  return { resources, problems: problems.list(), unclosedQuotes, ...(template ? { template } : {}) };
}

/** A file's problems, the first few in full and the rest counted, so a broken file is not a flood. */
class ProblemList {
  private readonly problems: LoadProblem[] = [];
  private unlisted = 0;
  constructor(private readonly file: string) {}

  add(problem: Omit<LoadProblem, "file">): void {
    if (this.problems.length < MAX_PROBLEMS_PER_FILE) this.problems.push({ ...problem, file: this.file });
    else this.unlisted++;
  }

  list(): LoadProblem[] {
    if (this.unlisted === 0) return this.problems;
    const last = this.problems.at(-1) as LoadProblem;
    const message = `and ${this.unlisted} more problems in this file, not listed`;
    return [...this.problems, { kind: last.kind, file: this.file, line: last.line, column: last.column, message }];
  }
}

function listItems(value: KubeObject): unknown[] | undefined {
  const kind = value.kind as string;
  if (!kind.endsWith("List") || !Array.isArray(value.items)) return undefined;
  return value.items;
}

function toResource(object: KubeObject & { apiVersion: string; kind: string }, source: ResourceSource, scope: string): Resource {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const name =
    typeof metadata.name === "string" ? metadata.name : typeof metadata.generateName === "string" ? metadata.generateName : "";
  const namespace = typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : undefined;
  return { apiVersion: object.apiVersion, kind: object.kind, name, ...(namespace ? { namespace } : {}), object, source, scope };
}

function childNode(node: Node, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.value as Node | null | undefined) ?? undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
}

function duplicateKeyMessage(key: Node): string {
  const name = isScalar(key) ? String(key.value) : "";
  const shown = name.length > 80 ? `${name.slice(0, 77)}...` : name;
  return `duplicate key "${shown}": only the last value is applied (kubectl does the same)`;
}
