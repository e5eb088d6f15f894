import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsonPatch from "fast-json-patch";
import { expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { applyPatchToYaml } from "../../src/edit/index.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";
import { peerCorpora } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";
import { allowedLines, keptOutside, replayChanges } from "./locality.js";

/**
 * Polaris's autofix pairs: a failing manifest and what its mutations make of it. The JSON Patch
 * between the two objects, applied to one file's text, must read back as the other object and leave
 * every line outside what the patch is about as it was. Both directions: fixes add, reverts remove.
 */
const CORPUS = peerCorpora.file("polaris");

interface Label {
  readonly file: string;
  readonly expect: string;
  readonly autofix_input?: string;
}

const labels = peerCorpora.present
  ? (JSON.parse(readFileSync(join(CORPUS, "LABELS.json"), "utf8")) as { labels: Label[] }).labels
  : [];
const pairs = labels
  .filter((label) => label.expect === "autofix-output" && label.autofix_input)
  .map((label) => [label.autofix_input as string, label.file] as const);

function onlyDocument(text: string): { index: number; object: object } {
  const documents = parseAllDocuments(text, KUBE_YAML);
  const index = documents.findIndex((document) => document.contents !== null);
  expect(documents.filter((document) => document.contents !== null)).toHaveLength(1);
  return { index, object: documents[index]?.toJS() as object };
}

function expectEditTurns(fromFile: string, toFile: string): void {
  const from = readFileSync(join(CORPUS, fromFile), "utf8");
  const to = onlyDocument(readFileSync(join(CORPUS, toFile), "utf8")).object;
  const { index, object } = onlyDocument(from);
  const patch = jsonPatch.compare(object, to);
  expect(patch.length).toBeGreaterThan(0);

  const result = applyPatchToYaml(from, { documentIndex: index }, patch);

  expect(onlyDocument(result.text).object).toEqual(to);
  expect(keptOutside(from, result.text, allowedLines(from, index, patch))).toBe(true);
  expect(replayChanges(from, result.changedLines)).toEqual(result.text.split(/\r?\n/));
}

describeWith(peerCorpora, "Polaris autofix pairs", () => {
  it("has the 20 pairs the corpus promises", () => {
    expect(pairs).toHaveLength(20);
  });

  it.each(pairs)("fixes %s into %s", (failing, mutated) => expectEditTurns(failing, mutated));

  it.each(pairs)("reverts %s from %s", (failing, mutated) => expectEditTurns(mutated, failing));
});
