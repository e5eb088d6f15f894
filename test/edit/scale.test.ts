import { describe, expect, it } from "vitest";
import { applyPatchesToYaml, applyPatchToYaml } from "../../src/edit/index.js";
import { readAll } from "./helpers.js";

/**
 * Sizes drift write-back meets: a long list rewritten at once, a file of many documents. Scalar
 * replacements are applied together, so these stay well inside the test timeout.
 */
function deployment(index: number, envCount: number): string {
  const env = Array.from({ length: envCount }, (_, k) => `            - name: V${k}\n              value: "${k}"`).join("\n");
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: web-${index} # name`,
    "spec:",
    "  replicas: 2",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: web",
    `          image: nginx:1.${index}`,
    "          env:",
    env,
    "",
  ].join("\n");
}

describe("at scale", () => {
  it("rewrites a list of 2000 entries, changing only the values that differ", () => {
    const text = deployment(1, 2000);
    const env = Array.from({ length: 2000 }, (_, k) => ({ name: `V${k}`, value: String(k % 2 === 0 ? k : -k) }));
    const result = applyPatchToYaml(text, { documentIndex: 0 }, [
      { op: "replace", path: "/spec/template/spec/containers/0/env", value: env },
    ]);
    expect(result.changedLines).toHaveLength(1000);
    expect(
      (readAll(result.text)[0] as { spec: { template: { spec: { containers: Array<{ env: unknown }> } } } }).spec.template.spec
        .containers[0]?.env,
    ).toEqual(env);
  });

  it("edits every document of a 300-document file, reporting each document's changes", () => {
    const text = Array.from({ length: 300 }, (_, index) => deployment(index, 10)).join("---\n");
    const patches = Array.from({ length: 300 }, (_, documentIndex) => ({
      target: { documentIndex },
      ops: [
        { op: "replace" as const, path: "/spec/replicas", value: 3 },
        { op: "add" as const, path: "/metadata/labels", value: { tier: "web" } },
      ],
    }));
    const result = applyPatchesToYaml(text, patches);
    expect(result.changedLines).toHaveLength(600);
    expect(readAll(result.text).every((object) => (object as { spec: { replicas: number } }).spec.replicas === 3)).toBe(true);
  });
});
