import type { Operation } from "fast-json-patch";
import { type Document, isMap, isPair, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import type { LineChange } from "../../src/edit/index.js";
import { parsePointer as pointerSegments } from "../../src/manifests/pointer.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";

/**
 * The original lines a patch may touch, worked out from the original document alone: for each
 * pointer, the collection that holds its deepest written part, from the line of that collection's
 * key to its end. A list is taken whole, as indexes shift while a patch runs.
 */
export function allowedLines(text: string, documentIndex: number, ops: readonly Operation[]): Set<number> {
  const lineCounter = new LineCounter();
  const document = parseAllDocuments(text, { ...KUBE_YAML, lineCounter })[documentIndex] as Document;
  const root = document.contents as Node;
  const line = (offset: number) => lineCounter.linePos(offset).line;
  const allowed = new Set<number>();
  const allow = (from: number, to: number) => {
    for (let n = from; n <= to; n++) allowed.add(n);
  };
  const pointers = ops.flatMap((op) => ("from" in op ? [op.path, op.from] : [op.path]));
  for (const pointer of pointers) {
    let node: Node | null = root;
    let keyOffset = (root.range as [number, number, number])[0];
    let region: [number, number] = [keyOffset, (root.range as [number, number, number])[2]];
    for (const segment of pointerSegments(pointer)) {
      if (!node?.range) break;
      region = [keyOffset, node.range[2]];
      if (isSeq(node)) break;
      if (!isMap(node)) break;
      const pair = node.items.find(
        (candidate) => isPair(candidate) && String((candidate.key as { value?: unknown })?.value ?? "") === segment,
      );
      if (!pair) break;
      keyOffset = (pair.key as Node).range?.[0] ?? keyOffset;
      node = pair.value as Node | null;
    }
    allow(line(region[0]), line(Math.max(region[0], region[1] - 1)));
  }
  // a line diff may pick any of several equal blank lines next to a change
  const lines = text.split("\n");
  for (const n of [...allowed]) {
    for (let up = n - 1; up >= 1 && lines[up - 1]?.trim() === ""; up--) allowed.add(up);
    for (let down = n + 1; down <= lines.length && lines[down - 1]?.trim() === ""; down++) allowed.add(down);
  }
  return allowed;
}

/**
 * True when the original lines outside `allowed` are all still in the result, in order and byte for
 * byte (line breaks included). This holds whatever alignment a line diff would choose.
 */
export function keptOutside(original: string, result: string, allowed: Set<number>): boolean {
  const outside = original.split(/(?<=\n)/).filter((_, index) => !allowed.has(index + 1));
  const lines = result.split(/(?<=\n)/);
  let at = 0;
  for (const line of outside) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) {
      // the last line may have gained the line break that an appended entry needs
      return line === outside.at(-1) && !line.endsWith("\n") && lines.slice(0, -1).some((l) => l.replace(/\r?\n$/, "") === line);
    }
    at++;
  }
  return true;
}

/** The original text with each reported change applied: must be the result, line for line. */
export function replayChanges(original: string, changes: readonly LineChange[]): string[] {
  const lines = original.split(/\r?\n/);
  for (const change of [...changes].reverse()) lines.splice(change.start - 1, change.end - change.start + 1, ...change.lines);
  return lines;
}
