import fc from "fast-check";
import jsonPatch, { type Operation } from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { applyPatchesToYaml, applyPatchToYaml, EditError, type EditResult } from "../../src/edit/index.js";
import { deepEqual, type JsonValue } from "../../src/edit/json-value.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";
import { buildOps, fileArb, opChoicesArb } from "./arbitraries.js";
import { allowedLines, keptOutside, replayChanges } from "./locality.js";

const RUNS = Number(process.env.EDIT_PROPERTY_RUNS ?? 150);
const SEED = process.env.EDIT_PROPERTY_SEED ? { seed: Number(process.env.EDIT_PROPERTY_SEED) } : {};

/** A failure shows the file and the patches, ready to paste into a unit test. */
function explained<T>(file: string, patches: unknown, run: () => T): T {
  try {
    return run();
  } catch (error) {
    (error as Error).message += `\nfile: ${JSON.stringify(file)}\npatches: ${JSON.stringify(patches)}`;
    throw error;
  }
}

/** Refusing is allowed only for shapes the engine says it does not edit (explicit `? key` entries here). */
function editOrRefuse(run: () => EditResult): EditResult | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof EditError && error.code === "unsupported") return undefined;
    throw error;
  }
}

function expectFaithful(file: string, result: EditResult, expected: Map<number, JsonValue>): void {
  const reread = parseAllDocuments(result.text, KUBE_YAML);
  expect(reread).toHaveLength(parseAllDocuments(file, KUBE_YAML).length);
  const eol = file.includes("\r\n") ? "\r\n" : "\n";
  const parts = file.split(`${eol}---${eol}`);
  const resultParts = result.text.split(`${eol}---${eol}`);
  parts.forEach((part, index) => {
    const wanted = expected.get(index);
    if (wanted === undefined) {
      // documents no patch is for are byte for byte the same
      expect(resultParts[index]).toBe(part);
      return;
    }
    expect(reread[index]?.errors).toEqual([]);
    expect(deepEqual(reread[index]?.toJS(), wanted)).toBe(true);
  });
  if (eol === "\r\n") expect(result.text.replaceAll("\r\n", "")).not.toContain("\n");
  const lines = result.text.split(/\r?\n/);
  if (!file.endsWith("\n") && result.text.endsWith("\n")) {
    // a file without a final line break keeps none, unless a `|+` scalar's value needs it
    expect(result.text).toMatch(/[|>][-0-9]*\+/);
    lines.pop();
  }
  expect(replayChanges(file, result.changedLines)).toEqual(lines);
}

describe("random manifests and random patches", () => {
  it("read back as fast-json-patch's result, touching only the lines the patch is about", () => {
    fc.assert(
      fc.property(fileArb, fc.nat(), opChoicesArb, (file, pick, choices) => {
        const documentIndex = pick % file.objects.length;
        const object = file.objects[documentIndex] as JsonValue;
        const ops = buildOps(object, choices);
        fc.pre(ops.length > 0);
        const expected = jsonPatch.applyPatch(structuredClone(object), structuredClone(ops), true, false).newDocument;
        explained(file.text, ops, () => {
          const result = editOrRefuse(() => applyPatchToYaml(file.text, { documentIndex }, ops));
          if (!result) return;
          expectFaithful(file.text, result, new Map([[documentIndex, expected]]));
          expect(keptOutside(file.text, result.text, allowedLines(file.text, documentIndex, ops))).toBe(true);
        });
      }),
      { numRuns: RUNS, ...SEED },
    );
  }, 120_000);

  it("apply several patches to several documents in one go", () => {
    fc.assert(
      fc.property(fileArb, fc.array(fc.tuple(fc.nat(), opChoicesArb), { minLength: 1, maxLength: 4 }), (file, picks) => {
        const states = new Map<number, JsonValue>();
        const patches: Array<{ target: { documentIndex: number }; ops: Operation[] }> = [];
        for (const [pick, choices] of picks) {
          const documentIndex = pick % file.objects.length;
          const before = states.get(documentIndex) ?? (file.objects[documentIndex] as JsonValue);
          const ops = buildOps(before, choices);
          states.set(documentIndex, jsonPatch.applyPatch(structuredClone(before), structuredClone(ops), true, false).newDocument);
          patches.push({ target: { documentIndex }, ops });
        }
        explained(file.text, patches, () => {
          const result = editOrRefuse(() => applyPatchesToYaml(file.text, patches));
          if (result) expectFaithful(file.text, result, states);
        });
      }),
      { numRuns: Math.ceil(RUNS / 2), ...SEED },
    );
  }, 120_000);
});
