/**
 * Hostile inputs for the loader (issue #10 §2): each is generated here, never committed, and each
 * must be answered in time linear in its size, within a bounded amount of memory, without a crash.
 */

import { describe, expect, it } from "vitest";
import { FILES_SCOPE } from "../../src/manifests/load.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import { DEFAULT_KUBERNETES_VERSION } from "../../src/rules/api-versions/api-data.js";
import { runRules } from "../../src/rules/engine.js";
import { expectLinear, expectWithin, residentGrowthMegabytes } from "./budget.js";

const HEADER = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: hostile\n";

/** Loads and checks one file, as `plumbline check` does. */
function check(text: string) {
  const parsed = parseManifestText(text, "hostile.yaml", FILES_SCOPE);
  const findings = runRules({ ...parsed, files: ["hostile.yaml"] }, { kubernetesVersion: DEFAULT_KUBERNETES_VERSION });
  return { ...parsed, findings };
}

const anchorsAliasedOnce = (n: number) => {
  const lines = [HEADER, "spec:\n  anchors:\n"];
  for (let i = 0; i < n; i++) lines.push(`    a${i}: &a${i} {v: ${i}}\n`);
  lines.push("  aliases:\n");
  for (let i = 0; i < n; i++) lines.push(`    - *a${i}\n`);
  return lines.join("");
};

const manyKeys = (n: number) => {
  const lines = [HEADER, "spec:\n"];
  for (let i = 0; i < n; i++) lines.push(`  k${i}: v\n`);
  return lines.join("");
};

describe("hostile YAML is read in linear time", () => {
  it("5,000 anchors each aliased once", () => {
    expectLinear(anchorsAliasedOnce, 1000, check);
    expectWithin(4_000, () => {
      const { resources } = check(anchorsAliasedOnce(5000));
      const spec = resources[0]?.object.spec as { aliases: unknown[] } | undefined;
      expect(spec?.aliases[4999]).toEqual({ v: 4999 });
    });
  });

  it("one map with 40,000 keys", () => {
    expectLinear(manyKeys, 5_000, check);
    expectWithin(4_000, () => {
      const { resources, problems } = check(manyKeys(40_000));
      expect(problems).toEqual([]);
      expect(Object.keys(resources[0]?.object.spec as object)).toHaveLength(40_000);
    });
  });

  it("one map with 200,000 keys (2.4 MB): a file-skipped notice, bounded memory", () => {
    const text = manyKeys(200_000);
    let result: ReturnType<typeof check> | undefined;
    const grown = residentGrowthMegabytes(() => expectWithin(4_000, () => (result = check(text))));
    expect(grown).toBeLessThan(256);
    expect(result?.problems).toEqual([expect.objectContaining({ kind: "too-large", message: expect.stringMatching(/tokens/) })]);
    expect(result?.findings.map((f) => f.rule)).toEqual(["file-skipped"]);
  });

  it("500,000 empty documents: a file-skipped notice, bounded memory", () => {
    const text = "---\n".repeat(500_000);
    let result: ReturnType<typeof check> | undefined;
    const grown = residentGrowthMegabytes(() => {
      expectWithin(4_000, () => {
        result = check(text);
      });
    });
    expect(grown).toBeLessThan(256);
    expect(result?.problems).toEqual([
      expect.objectContaining({ kind: "too-large", file: "hostile.yaml", message: expect.stringMatching(/documents/) }),
    ]);
    expect(result?.findings.map((f) => f.rule)).toEqual(["file-skipped"]);
  });

  it("150,000 broken documents do not overflow the stack", () => {
    const text = "a: [\n---\n".repeat(150_000);
    expectWithin(4_000, () => {
      const { problems, findings } = check(text);
      expect(problems.length).toBeGreaterThan(0);
      expect(findings.length).toBeLessThan(200);
    });
  });

  it("many syntax errors in one document are reported up to a cap, with a count of the rest", () => {
    const text = `${HEADER}spec:\n${"  - x: ]\n".repeat(20_000)}`;
    expectWithin(4_000, () => {
      const { problems } = check(text);
      expect(problems.length).toBeLessThan(200);
      expect(problems.at(-1)?.message).toMatch(/more/);
    });
  });

  it("a flow sequence of 500,000 items (1 MB): a file-skipped notice, bounded memory", () => {
    const text = `${HEADER}spec: {items: [${"1,".repeat(500_000)}1]}\n`;
    let result: ReturnType<typeof check> | undefined;
    const grown = residentGrowthMegabytes(() => expectWithin(4_000, () => (result = check(text))));
    expect(grown).toBeLessThan(256);
    expect(result?.findings.map((f) => f.rule)).toEqual(["file-skipped"]);
  });

  it("a 1 MB map just under the token limit stays within the memory budget", () => {
    const text = manyKeys(55_000);
    let result: ReturnType<typeof check> | undefined;
    const grown = residentGrowthMegabytes(() => expectWithin(8_000, () => (result = check(text))));
    expect(result?.resources).toHaveLength(1);
    expect(grown).toBeLessThan(256);
  });
});
