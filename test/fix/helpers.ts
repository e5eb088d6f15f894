import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import type { Finding } from "../../src/findings/finding.js";
import { applyFileFix, type FileFixResult, type FixPlan, planFixes } from "../../src/fix/index.js";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { Resource } from "../../src/manifests/resource.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { runRules } from "../../src/rules/engine.js";
import { peerCorpora } from "../support/shared.js";

export { yaml } from "../rules/helpers.js";

export const CORPUS = peerCorpora.dir;
export const hasCorpus = peerCorpora.present;
export const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const READ_ME = (): string => readFileSync(path.join(REPOSITORY, "README.md"), "utf8");

export interface Checked {
  readonly findings: Finding[];
  readonly resources: Resource[];
}

/** What `check` finds in one file's text, in memory. */
export function checkText(text: string, options: { file?: string; kubernetesVersion?: string } = {}): Checked {
  const parsed = parseManifestText(text, options.file ?? "app.yaml", FILES_SCOPE);
  const findings = runRules(
    { resources: parsed.resources, problems: parsed.problems, files: [options.file ?? "app.yaml"] },
    { kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION },
  );
  return { findings, resources: parsed.resources };
}

export interface Fixed extends FileFixResult {
  readonly plan: FixPlan;
  readonly before: Checked;
  readonly after: Checked;
}

/**
 * `check --fix` on one file's text, in memory: the plan, the fixed text, and a check of it. Unsafe
 * fixes are made too unless `unsafe: false` (as `--fix --unsafe-fixes`): most tests are about the edits.
 */
export function fixText(text: string, options: { file?: string; kubernetesVersion?: string; unsafe?: boolean } = {}): Fixed {
  const before = checkText(text, options);
  const plan = planFixes(before.findings, before.resources, { unsafe: options.unsafe ?? true });
  const [file] = plan.files;
  const result = file ? applyFileFix(text, file) : { text, applied: [], failed: [] };
  return { ...result, plan, before, after: checkText(result.text, options) };
}

/** The objects of every document, as kubectl reads them. */
export function readObjects(text: string): unknown[] {
  return parseAllDocuments(text, KUBE_YAML).map((document) => document.toJS());
}

/** A finding's identity without line or path: what "the same finding" means before and after a fix. */
export function findingKey(finding: Finding): string {
  const { kind, namespace, name } = finding.resource;
  return [finding.rule, finding.file, kind, namespace, name].join("|");
}

/**
 * Findings after a fix that were not there before (by rule, file and object, counted): a fix must
 * never bring a new one.
 */
export function newFindings(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const finding of before) counts.set(findingKey(finding), (counts.get(findingKey(finding)) ?? 0) + 1);
  return after.filter((finding) => {
    const left = counts.get(findingKey(finding)) ?? 0;
    counts.set(findingKey(finding), left - 1);
    return left <= 0;
  });
}

/**
 * The 1-based lines of `text` a fix may rewrite: the lines of every value it removes or changes (from
 * the key to the end of the value), and the line of an empty `{}`/`[]` it fills. Worked out from the
 * objects before and after, independently of how the fix was computed: lists of one length are
 * compared item by item, lists that changed length count as changed whole.
 */
export function linesAFixMayTouch(text: string, afterObjects: readonly unknown[]): Set<number> {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { ...KUBE_YAML, lineCounter });
  const lines = new Set<number>();
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const span = (from: number, to: number) => {
    // a block value's range ends at the start of the next line: that line is not part of it
    const last = to > from && text[to - 1] === "\n" ? to - 1 : to;
    for (let line = lineOf(from); line <= lineOf(Math.max(from, last - 1)); line++) lines.add(line);
  };
  const walk = (node: Node | null | undefined, keyStart: number | undefined, before: unknown, after: unknown) => {
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const start = keyStart ?? node?.range?.[0];
    if (isMap(node) && isPlainObject(before) && isPlainObject(after) && Object.keys(before).length > 0) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const value = pair.value as Node | null;
        const keyAt = (pair.key as Node).range?.[0];
        if (!Object.hasOwn(after, key)) span(keyAt ?? 0, value?.range?.[2] ?? (pair.key as Node).range?.[2] ?? 0);
        else walk(value, keyAt, before[key], after[key]);
      }
      return;
    }
    if (isSeq(node) && Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      for (const [index, item] of node.items.entries()) walk(item as Node, undefined, before[index], after[index]);
      return;
    }
    if (start !== undefined && node?.range) span(start, node.range[2]);
    else if (start !== undefined) lines.add(lineOf(start));
  };
  documents.forEach((document, index) => {
    const after = afterObjects[index];
    walk(document.contents as Node, undefined, document.toJS(), after);
  });
  return lines;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The 1-based numbers of the original lines a change removed or rewrote (additions excluded). */
export function rewrittenLines(changes: readonly { start: number; end: number }[]): number[] {
  return changes.flatMap((change) =>
    Array.from({ length: Math.max(0, change.end - change.start + 1) }, (_, i) => change.start + i),
  );
}
