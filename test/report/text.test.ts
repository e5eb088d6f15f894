import { describe, expect, it } from "vitest";
import type { Summary } from "../../src/check.js";
import type { Finding } from "../../src/findings/finding.js";
import { renderText } from "../../src/report/text.js";

function finding(file: string, line: number, overrides: Partial<Finding> = {}): Finding {
  return {
    rule: "image-tag-latest",
    severity: "warning",
    file,
    line,
    column: 3,
    resource: { apiVersion: "v1", kind: "Pod", namespace: null, name: "p" },
    message: "pin the image",
    fingerprint: `${file}${line}`,
    path: "",
    ...overrides,
  };
}

const summary: Summary = {
  files: 2,
  resources: 2,
  findings: 3,
  bySeverity: { error: 1, warning: 2, info: 0 },
  byRule: {},
  score: { overall: 100, resources: [] },
  kubernetesVersion: "1.31",
};

describe("text output", () => {
  it("groups findings under one heading per file, even when given out of order", () => {
    const text = renderText([finding("a.yaml", 1), finding("b.yaml", 2), finding("a.yaml", 9, { severity: "error" })], summary, {
      color: false,
    });
    const lines = text.split("\n");
    expect(lines.filter((line) => line === "a.yaml")).toHaveLength(1);
    expect(lines.filter((line) => line === "b.yaml")).toHaveLength(1);
    const a = lines.indexOf("a.yaml");
    expect(lines[a + 1]).toBe("  a.yaml:1:3  warning  image-tag-latest  pin the image");
    expect(lines[a + 2]).toBe("  a.yaml:9:3  error    image-tag-latest  pin the image");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "3 findings (1 error, 2 warnings, 0 info) in 2 resources from 2 files. Readiness 100/100.",
    );
  });

  it("colours only when asked", () => {
    const findings = [finding("a.yaml", 1)];
    expect(renderText(findings, summary, { color: true })).toContain("\u001b[");
    expect(renderText(findings, summary, { color: false })).not.toContain("\u001b[");
  });

  it("never passes escape sequences from a manifest to the terminal", () => {
    const hostile = finding("evil\u001b]0;pwned\u0007.yaml", 1, { message: 'image "\u001b[2J\u001b[31mfake" \r\nnext' });
    const text = renderText([hostile], summary, { color: false });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may survive
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('image "\\x1b[2J\\x1b[31mfake" \\x0d\\x0anext');
    expect(text).toContain("evil\\x1b]0;pwned\\x07.yaml");
  });

  it("says when there is nothing to report", () => {
    const empty = { ...summary, findings: 0, bySeverity: { error: 0, warning: 0, info: 0 }, files: 1 };
    expect(renderText([], empty, { color: false })).toBe("No findings in 2 resources from 1 file. Readiness 100/100.\n");
  });
});
