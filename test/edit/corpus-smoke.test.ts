import { readFileSync } from "node:fs";
import type { Operation } from "fast-json-patch";
import { globSync } from "tinyglobby";
import { expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { applyPatchToYaml, EditError } from "../../src/edit/index.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";
import { peerCorpora } from "../support/shared.js";
import { describeWith } from "../support/shared-tests.js";

/**
 * Every manifest document in the peer corpora, written by many hands in many styles, takes the
 * kind of edits readiness fixes make: an annotation added, a label changed, a field removed. Each
 * edit must read back right (the engine checks) and touch only a few lines.
 */
const files = peerCorpora.present ? globSync("**/*.{yaml,yml}", { cwd: peerCorpora.dir }).sort() : [];

interface Case {
  readonly file: string;
  readonly documentIndex: number;
  readonly ops: Operation[];
}

function casesOf(file: string, text: string): Case[] {
  return parseAllDocuments(text, KUBE_YAML).flatMap((document, documentIndex) => {
    if (document.errors.length > 0) return [];
    const object = document.toJS() as Record<string, unknown> | null;
    const metadata = object?.metadata;
    if (!object || typeof object !== "object" || !metadata || typeof metadata !== "object" || Array.isArray(metadata)) return [];
    const meta = metadata as Record<string, unknown>;
    const ops: Operation[] = [];
    const annotations = meta.annotations;
    if (annotations === undefined) {
      ops.push({ op: "add", path: "/metadata/annotations", value: { "plumbline.dev/checked": "yes" } });
    } else if (annotations !== null && typeof annotations === "object" && !Array.isArray(annotations)) {
      ops.push({ op: "add", path: "/metadata/annotations/plumbline.dev~1checked", value: "yes" });
    }
    if (typeof meta.name === "string") ops.push({ op: "replace", path: "/metadata/name", value: `${meta.name}-2` });
    const keys = Object.keys(object).filter((key) => !["apiVersion", "kind", "metadata"].includes(key));
    if (keys.length > 0)
      ops.push({ op: "remove", path: `/${(keys.at(-1) as string).replaceAll("~", "~0").replaceAll("/", "~1")}` });
    return [{ file, documentIndex, ops }];
  });
}

describeWith(peerCorpora, "the peer corpora", () => {
  it("holds manifests to try", () => {
    expect(files.length).toBeGreaterThan(500);
  });

  it("takes typical fix edits in every document", () => {
    let edited = 0;
    const refused: string[] = [];
    for (const file of files) {
      const text = readFileSync(peerCorpora.file(file), "utf8");
      for (const { documentIndex, ops } of casesOf(file, text)) {
        try {
          const result = applyPatchToYaml(text, { documentIndex }, ops);
          edited++;
          // a handful of changed runs, none rewriting the document wholesale
          expect(result.changedLines.length, file).toBeLessThanOrEqual(4);
        } catch (error) {
          if (!(error instanceof EditError) || error.code !== "unsupported") {
            throw new Error(`${file} #${documentIndex}: ${(error as Error).message}`);
          }
          refused.push(`${file}#${documentIndex}: ${error.message}`);
        }
      }
    }
    expect(edited).toBeGreaterThan(500);
    // refusals are for shapes the engine does not edit (aliases, merge keys); they stay rare
    expect(refused.length, refused.join("\n")).toBeLessThan(edited / 100);
  }, 120_000);
});
