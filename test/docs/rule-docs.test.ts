import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/rules/registry.js";
import { lintFiles } from "../rules/helpers.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SECTIONS = ["Why it matters", "Bad", "Good", "Fix", "Opting out", "Compared with other tools"];

/** The text of one `## Heading` section, up to the next heading of the same level. */
function section(doc: string, heading: string): string | undefined {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start === -1) return undefined;
  const rest = doc.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end === -1 ? rest : rest.slice(0, end);
}

function yamlBlocks(text: string): string[] {
  return [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

describe("rule documentation", () => {
  it("the README's rule table lists every rule with its severity", () => {
    const readme = readFileSync(path.join(repo, "README.md"), "utf8");
    for (const rule of ALL_RULES) {
      expect(readme, rule.id).toContain(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.category} | ${rule.severity} |`);
    }
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const file = path.join(repo, "docs/rules", `${rule.id}.md`);

      it("has a page with every section", () => {
        expect(existsSync(file), `docs/rules/${rule.id}.md`).toBe(true);
        const doc = readFileSync(file, "utf8");
        expect(doc.startsWith(`# ${rule.id}\n`)).toBe(true);
        expect(doc).toContain(`severity: \`${rule.severity}\``);
        for (const heading of SECTIONS) expect(section(doc, heading), `## ${heading}`).toBeDefined();
      });

      it("has a bad example the rule reports and a good one it does not", () => {
        if (!existsSync(file)) return;
        const doc = readFileSync(file, "utf8");
        const bad = section(doc, "Bad") ?? "";
        // input rules about files (binary, too large, not rendered) cannot be shown as a manifest
        if (bad.includes("<!-- not-runnable")) return;
        const badBlocks = yamlBlocks(bad);
        const goodBlocks = yamlBlocks(section(doc, "Good") ?? "");
        expect(badBlocks.length, "a ```yaml block under ## Bad").toBeGreaterThan(0);
        expect(goodBlocks.length, "a ```yaml block under ## Good").toBeGreaterThan(0);
        const ofRule = (text: string) => lintFiles({ "example.yaml": text }).filter((f) => f.rule === rule.id);
        expect(ofRule(badBlocks.join("---\n")).length, "findings for the bad example").toBeGreaterThan(0);
        expect(ofRule(goodBlocks.join("---\n")), "findings for the good example").toEqual([]);
      });
    });
  }
});
