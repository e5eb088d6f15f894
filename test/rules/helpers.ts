import { readFileSync } from "node:fs";
import jsonPatch, { type Operation } from "fast-json-patch";
import type { Finding } from "../../src/findings/finding.js";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { LoadProblem, ManifestSet, Resource } from "../../src/manifests/resource.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { type Catalogue, runRules } from "../../src/rules/engine.js";
import { INPUT_RULES } from "../../src/rules/registry.js";
import type { InputRule, Rule } from "../../src/rules/types.js";
import { peerCorpora } from "../support/shared.js";
import { itWith } from "../support/shared-tests.js";

export interface LintOptions {
  readonly kubernetesVersion?: string;
  readonly file?: string;
  /** the rules to run; the whole registry when absent */
  readonly catalogue?: Catalogue;
}

/**
 * Strips the common indentation of a template literal, so manifests in tests can be indented with the
 * code around them and still start at column 1.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, "");
  const lines = text.split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return lines.map((line) => line.slice(indent)).join("\n");
}

/** Every finding of the whole catalogue for one file's text, as the engine produces them. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintFiles({ [options.file ?? "manifests/app.yaml"]: text }, options);
}

/** Several files in one scope (one directory), for rules that compare resources. */
export function lintFiles(files: Record<string, string>, options: LintOptions = {}): Finding[] {
  const resources: Resource[] = [];
  const problems: LoadProblem[] = [];
  for (const [file, text] of Object.entries(files)) {
    // one world, as the loader makes it: every plain file shares a scope
    const parsed = parseManifestText(text, file, FILES_SCOPE);
    resources.push(...parsed.resources);
    problems.push(...parsed.problems);
  }
  return lintSet({ resources, problems, files: Object.keys(files) }, options);
}

export function lintSet(set: ManifestSet, options: LintOptions = {}): Finding[] {
  return runRules(set, {
    kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    ...(options.catalogue ? { catalogue: options.catalogue } : {}),
  });
}

/**
 * What one rule finds when the engine runs it alone (its catalogue is that rule): no other rule's
 * findings to filter out, and none of the others' code on the way.
 */
export function findingsAlone(rule: Rule | InputRule, text: string, options: LintOptions = {}): Finding[] {
  const input = (INPUT_RULES as readonly (Rule | InputRule)[]).includes(rule);
  const catalogue = input ? { inputRules: [rule as InputRule] } : { rules: [rule as Rule] };
  return lint(text, { ...options, catalogue });
}

/** The findings of one rule only, out of a run of the whole registry. */
export function findingsOf(rule: string, text: string, options: LintOptions = {}): Finding[] {
  return lint(text, options).filter((finding) => finding.rule === rule);
}

/**
 * 1-based line and column where `needle` starts in the text (its `occurrence`-th appearance): what a
 * finding about that key must point at.
 */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let offset = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1] ?? "").length + 1 };
}

/** The object a finding's fix turns the (single) resource of the text into. */
export function applyFix(text: string, fix: readonly Operation[] | undefined): Record<string, unknown> {
  if (!fix) throw new Error("the finding has no fix");
  const [resource] = parseManifestText(text, "fix.yaml", "fix").resources;
  if (!resource) throw new Error("the text holds no resource");
  const copy = structuredClone(resource.object);
  return jsonPatch.applyPatch(copy, jsonPatch.deepClone(fix), true, true).newDocument as Record<string, unknown>;
}

export const hasCorpus = peerCorpora.present;

/** A test that reads the peer corpora: skipped, saying what is missing, when they are absent. */
export const itWithCorpus = (name: string, fn: () => void): void => itWith(peerCorpora, name, fn);

export function corpusPath(relative: string): string {
  return peerCorpora.file(relative);
}

/** A peer fixture, read at test time from the shared corpus (never copied into the repository). */
export function corpusFile(relative: string): string {
  return readFileSync(corpusPath(relative), "utf8");
}
