import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { applyPatchToYaml } from "../../src/edit/index.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";

/**
 * Polaris's autofix pairs: a failing manifest and what its mutations make of it. The JSON Patch
 * between the two objects, applied to the failing file's text, must read back as the mutated object
 * and leave every line it does not touch as it was.
 */
const CORPUS = "/work/shared/corpus/polaris";

interface Label {
  readonly file: string;
  readonly expect: string;
  readonly autofix_input?: string;
}

const labels = (JSON.parse(readFileSync(join(CORPUS, "LABELS.json"), "utf8")) as { labels: Label[] }).labels;
const pairs = labels.filter((label) => label.expect === "autofix-output" && label.autofix_input);

function readObject(text: string): unknown {
  const documents = parseAllDocuments(text, KUBE_YAML).filter((document) => document.contents !== null);
  expect(documents).toHaveLength(1);
  return documents[0]?.toJS();
}

describe("Polaris autofix pairs", () => {
  it("has the 20 pairs the corpus promises", () => {
    expect(pairs.length).toBe(20);
  });

  it.each(pairs.map((label) => [label.autofix_input as string, label.file]))("%s → %s", (input, output) => {
    const before = readFileSync(join(CORPUS, input), "utf8");
    const after = readFileSync(join(CORPUS, output), "utf8");
    const beforeObject = readObject(before) as object;
    const afterObject = readObject(after) as object;
    const patch = jsonPatch.compare(beforeObject, afterObject);
    expect(patch.length).toBeGreaterThan(0);

    const documentIndex = parseAllDocuments(before, KUBE_YAML).findIndex((document) => document.contents !== null);
    const result = applyPatchToYaml(before, { documentIndex }, patch);

    expect(readObject(result.text)).toEqual(afterObject);
    const originalLines = before.split("\n");
    const resultLines = result.text.split("\n");
    // every original line outside the reported changes is still there, in order, unchanged
    const untouched = originalLines.filter(
      (_, index) => !result.changedLines.some((change) => index + 1 >= change.start && index + 1 <= change.end),
    );
    const kept = resultLines.filter(
      (_, index) =>
        !result.changedLines.some((change) => index + 1 >= change.newStart && index + 1 < change.newStart + change.lines.length),
    );
    expect(kept).toEqual(untouched);
  });
});
