import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import { createLocator } from "./locate.js";
import type { KubeObject, LoadProblem, Resource, ResourceSource, SourceLocation } from "./resource.js";
import { KUBE_YAML, TO_JS } from "./yaml-options.js";

export interface ParsedFile {
  readonly resources: Resource[];
  readonly problems: LoadProblem[];
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

/**
 * Turns one file's text into resources that know where each of their fields was written.
 * Documents that are not Kubernetes objects are skipped without a word; broken ones become problems.
 */
export function parseManifestText(text: string, file: string, scope: string): ParsedFile {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { ...KUBE_YAML, lineCounter });
  const resources: Resource[] = [];
  const problems: LoadProblem[] = [];
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  documents.forEach((document, documentIndex) => {
    const fatal = document.errors.filter((error) => error.code !== "DUPLICATE_KEY");
    for (const error of document.errors) {
      const at = position(error.pos[0]);
      const duplicate = error.code === "DUPLICATE_KEY";
      problems.push({
        kind: duplicate ? "duplicate-key" : "syntax",
        file,
        ...at,
        message: duplicate ? duplicateKeyMessage(text, error.pos[0]) : firstLine(error.message),
      });
    }
    if (fatal.length > 0 || document.contents === null) return;

    let value: unknown;
    try {
      value = document.toJS(TO_JS);
    } catch (error) {
      problems.push({
        kind: "syntax",
        file,
        ...position(document.contents.range[0]),
        message: `cannot be read: ${(error as Error).message}`,
      });
      return;
    }
    if (!isClusterObject(value)) return;

    const root = document.contents as Node;
    const items = listItems(value);
    if (items) {
      const itemsNode = childNode(root, "items");
      items.forEach((item, listIndex) => {
        if (!isClusterObject(item)) return;
        const itemNode = itemsNode && isSeq(itemsNode) ? (itemsNode.items[listIndex] as Node | undefined) : undefined;
        const locate = createLocator(document, itemNode ?? root, lineCounter);
        resources.push(toResource(item, { file, documentIndex, listIndex, locate }, scope));
      });
      return;
    }
    resources.push(toResource(value, { file, documentIndex, locate: createLocator(document, root, lineCounter) }, scope));
  });
  return { resources, problems };
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

function duplicateKeyMessage(text: string, offset: number): string {
  const key = /^[^:\n]*/.exec(text.slice(offset))?.[0].trim();
  return key ? `duplicate key "${key}": only the last value is applied` : "duplicate key: only the last value is applied";
}
