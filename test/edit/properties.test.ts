import fc from "fast-check";
import jsonPatch from "fast-json-patch";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { applyPatchToYaml, EditError } from "../../src/edit/index.js";
import { deepEqual, type JsonValue } from "../../src/edit/json-value.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";
import { buildOps, manifestArb, opChoicesArb, renderManifest } from "./arbitraries.js";
import { allowedLines, keptOutside, replayChanges } from "./locality.js";

const RUNS = Number(process.env.EDIT_PROPERTY_RUNS ?? 150);

describe("random manifests and random patches", () => {
  it("read back as fast-json-patch's result, touching only the lines the patch is about", () => {
    fc.assert(
      fc.property(
        fc.array(manifestArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer(), { minLength: 3, maxLength: 3 }),
        fc.nat(),
        opChoicesArb,
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        (manifests, seeds, pick, choices, eol, finalEol) => {
          const texts = manifests.map((manifest, index) => renderManifest(manifest, seeds[index] as number));
          fc.pre(texts.every((text) => text !== undefined));
          const documents = texts.map((text) => (text as string).replace(/\n$/, "").replaceAll("\n", eol));
          const file = `# generated${eol}${documents.join(`${eol}---${eol}`)}${finalEol ? eol : ""}`;
          const documentIndex = pick % manifests.length;
          // read back from the file: dropping the final line break can change a kept (`|+`) block scalar
          const object = parseAllDocuments(file, KUBE_YAML)[documentIndex]?.toJS() as JsonValue;
          const ops = buildOps(object, choices);
          fc.pre(ops.length > 0);
          const expected = jsonPatch.applyPatch(structuredClone(object), structuredClone(ops), true, false).newDocument;

          // a failure shows the file and the patch, ready to paste into a unit test
          try {
            let result: ReturnType<typeof applyPatchToYaml>;
            try {
              result = applyPatchToYaml(file, { documentIndex }, ops);
            } catch (error) {
              // refusing is allowed only for shapes the engine says it does not edit
              if (error instanceof EditError && error.code === "unsupported") return;
              throw error;
            }
            const reread = parseAllDocuments(result.text, KUBE_YAML);
            expect(reread).toHaveLength(manifests.length);
            expect(reread[documentIndex]?.errors).toEqual([]);
            expect(deepEqual(reread[documentIndex]?.toJS(), expected)).toBe(true);
            // other documents are byte for byte the same
            const parts = file.split(`${eol}---${eol}`);
            const resultParts = result.text.split(`${eol}---${eol}`);
            parts.forEach((part, index) => {
              if (index !== documentIndex) expect(resultParts[index]).toBe(part);
            });
            expect(keptOutside(file, result.text, allowedLines(file, documentIndex, ops))).toBe(true);
            const lines = result.text.split(/\r?\n/);
            if (!file.endsWith("\n") && result.text.endsWith("\n")) {
              // a file without a final line break keeps none, unless a `|+` scalar's value needs it
              expect(result.text).toMatch(/[|>][-0-9]*\+/);
              lines.pop();
            }
            expect(replayChanges(file, result.changedLines)).toEqual(lines);
            if (eol === "\r\n") expect(result.text.replaceAll("\r\n", "")).not.toContain("\n");
          } catch (error) {
            (error as Error).message +=
              `\nfile: ${JSON.stringify(file)}\ndocument: ${documentIndex}\nops: ${JSON.stringify(ops)}`;
            throw error;
          }
        },
      ),
      { numRuns: RUNS, ...(process.env.EDIT_PROPERTY_SEED ? { seed: Number(process.env.EDIT_PROPERTY_SEED) } : {}) },
    );
  }, 120_000);
});
