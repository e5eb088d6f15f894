import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { importCycles, importGraph, parseExplainFiles } from "./import-graph.js";

/**
 * No import cycle in src/, type-only ones included (DEVELOPERS.md, "Layout"): a cycle ties folders
 * together so none can be read, tested or moved alone. Types two folders share go to a leaf module
 * (src/config/types.ts, src/manifests/resource.ts) that imports neither.
 */

const inSrc = (file: string) => file.startsWith("src/");
// tsc reads the whole of src/ (without checking it): seconds on an idle machine, more on a busy one
const TSC_TIMEOUT = 180_000;

describe("imports in src/", () => {
  it(
    "form no cycle",
    () => {
      const graph = importGraph(repoRoot(), ["src"], inSrc);
      // the walk saw the program: the entry points and what they import
      expect(graph.get("src/check.ts")?.has("src/rules/engine.ts")).toBe(true);
      expect(importCycles(graph).map((cycle) => cycle.join(" → "))).toEqual([]);
    },
    TSC_TIMEOUT,
  );
});

describe("the cycle finder", () => {
  it(
    "finds a type-only cycle through TypeScript's own resolution, and none once it is broken",
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), "plumbline-cycles-"));
      try {
        mkdirSync(path.join(dir, "src", "config"), { recursive: true });
        mkdirSync(path.join(dir, "src", "rules"), { recursive: true });
        const compilerOptions = {
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          types: [],
          verbatimModuleSyntax: true,
        };
        writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions }));
        writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
        const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);
        write(
          "src/config/config.ts",
          'import type { Setting } from "../rules/engine.js";\nexport type Config = { rules: Setting[] };\n',
        );
        write(
          "src/rules/engine.ts",
          'import type { Config } from "../config/config.js";\nexport type Setting = { on: boolean };\nexport type Run = (config: Config) => void;\n',
        );
        write("src/rules/rule.ts", 'import { helper } from "./helper/index.js";\nexport const rule = helper;\n');
        mkdirSync(path.join(dir, "src", "rules", "helper"));
        write("src/rules/helper/index.ts", "export const helper = 1;\n");
        expect(importCycles(importGraph(dir, ["src"], inSrc))).toEqual([
          ["src/config/config.ts", "src/rules/engine.ts", "src/config/config.ts"],
        ]);

        // the shared type moved to a leaf both import
        write("src/config/types.ts", "export type Setting = { on: boolean };\n");
        write("src/config/config.ts", 'import type { Setting } from "./types.js";\nexport type Config = { rules: Setting[] };\n');
        const graph = importGraph(dir, ["src"], inSrc);
        expect(graph.get("src/rules/rule.ts")).toEqual(new Set(["src/rules/helper/index.ts"]));
        expect(importCycles(graph)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TSC_TIMEOUT,
  );

  it("names the shortest way round each cycle, a file that imports itself included", () => {
    const graph = new Map([
      ["a.ts", new Set(["b.ts"])],
      ["b.ts", new Set(["c.ts", "d.ts"])],
      ["c.ts", new Set(["a.ts"])],
      ["d.ts", new Set(["a.ts", "e.ts"])],
      ["e.ts", new Set(["e.ts"])],
      ["f.ts", new Set(["a.ts"])],
    ]);
    expect(importCycles(graph)).toEqual([
      ["a.ts", "b.ts", "c.ts", "a.ts"],
      ["e.ts", "e.ts"],
    ]);
  });

  it("reads only the import reasons of --explainFiles, for files inside the folder", () => {
    const output = [
      "node_modules/yaml/dist/index.d.ts",
      "  Imported via \"yaml\" from file 'src/a.ts'",
      "src/b.ts",
      "  Imported via './b.js' from file 'src/a.ts'",
      "  Matched by include pattern '/repo/src' in '/tmp/tsconfig.json'",
      "src/a.ts",
      "  Matched by include pattern '/repo/src' in '/tmp/tsconfig.json'",
      "",
    ].join("\n");
    expect(parseExplainFiles(output, inSrc)).toEqual(new Map([["src/a.ts", new Set(["src/b.ts"])]]));
  });
});
