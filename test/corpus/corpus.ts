import { readFileSync } from "node:fs";
import path from "node:path";
import { corpusRoot } from "./paths.js";

/** The peers whose labelled fixtures the harness compares Plumbline with, in report order. */
export const PEERS = ["kube-linter", "kube-score", "polaris", "pluto", "kube-no-trouble"] as const;
export type PeerName = (typeof PEERS)[number];

/** One expected outcome from a peer's own tests. Fields beyond these vary per peer (see its `conventions`). */
export interface Label {
  readonly file: string;
  readonly check: string;
  readonly expect: string;
  readonly [field: string]: unknown;
}

export interface LabelSet {
  readonly conventions: Readonly<Record<string, unknown>>;
  readonly labels: readonly Label[];
  readonly [field: string]: unknown;
}

/** One document (or `kind: List` item) of a fixture, as OBJECTS.json records it. */
export interface CorpusObject {
  readonly doc_index: number;
  readonly start_line: number;
  readonly apiVersion: string | null;
  readonly kind: string | null;
  readonly name: string | null;
  readonly namespace?: string;
  readonly list_item?: number;
}

interface ObjectsEntry {
  readonly documents?: readonly CorpusObject[];
  readonly helm_template?: boolean;
}

export interface PeerCorpus {
  readonly peer: PeerName;
  /** absolute folder of the peer's corpus; label files are relative to it */
  readonly dir: string;
  readonly labelSet: LabelSet;
  /** the Kubernetes objects of a fixture (the `kind: List` wrapper itself left out) */
  readonly objectsOf: (file: string) => CorpusObject[];
}

export function loadPeerCorpus(peer: PeerName, root = corpusRoot()): PeerCorpus {
  const dir = path.join(root, peer);
  const labelSet = JSON.parse(readFileSync(path.join(dir, "LABELS.json"), "utf8")) as LabelSet;
  const objects = JSON.parse(readFileSync(path.join(dir, "OBJECTS.json"), "utf8")) as Record<string, ObjectsEntry>;
  const objectsOf = (file: string) =>
    (objects[file]?.documents ?? []).filter((doc) => doc.kind !== null && !isListWrapper(doc, objects[file]?.documents ?? []));
  return { peer, dir, labelSet, objectsOf };
}

/** A `kind: List` document whose items are recorded separately is a container, not an object to judge. */
function isListWrapper(doc: CorpusObject, all: readonly CorpusObject[]): boolean {
  return (
    doc.list_item === undefined &&
    (doc.kind?.endsWith("List") ?? false) &&
    all.some((other) => other.doc_index === doc.doc_index && other.list_item !== undefined)
  );
}

/** `Deployment/app`, the way reports name an object. */
export function objectName(object: Pick<CorpusObject, "kind" | "name">): string {
  return `${object.kind ?? "?"}/${object.name ?? "?"}`;
}
