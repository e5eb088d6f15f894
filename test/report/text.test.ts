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
  it("groups findings under one heading per file, even when given out of order, with the path said once", () => {
    const text = renderText([finding("a.yaml", 1), finding("b.yaml", 2), finding("a.yaml", 19, { severity: "error" })], summary, {
      color: false,
    });
    const lines = text.split("\n");
    expect(lines.filter((line) => line === "a.yaml")).toHaveLength(1);
    expect(lines.filter((line) => line === "b.yaml")).toHaveLength(1);
    const a = lines.indexOf("a.yaml");
    expect(lines[a + 1]).toBe("  Pod p");
    // right-aligned positions, a padded severity: the columns line up
    expect(lines[a + 2]).toBe("     1:3  warning  image-tag-latest  pin the image");
    expect(lines[a + 3]).toBe("    19:3  error    image-tag-latest  pin the image");
    expect(text).not.toContain("a.yaml:");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "3 findings (1 error, 2 warnings, 0 info) in 2 resources from 2 files. Readiness 100/100.",
    );
  });

  it("says each object once, with its kind, namespace and name, and file problems without one", () => {
    const web = { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" };
    const db = { apiVersion: "apps/v1", kind: "StatefulSet", namespace: null, name: "db" };
    const none = { apiVersion: null, kind: null, namespace: null, name: null };
    const text = renderText(
      [
        finding("a.yaml", 1, { rule: "yaml-syntax-error", resource: none, message: "bad" }),
        finding("a.yaml", 4, { resource: web }),
        finding("a.yaml", 9, { resource: web, rule: "run-as-root" }),
        finding("a.yaml", 30, { resource: db }),
      ],
      summary,
      { color: false },
    );
    const lines = text.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "a.yaml",
      "     1:3  warning  yaml-syntax-error  bad",
      "  Deployment shop/web",
      "     4:3  warning  image-tag-latest   pin the image",
      "     9:3  warning  run-as-root        pin the image",
      "  StatefulSet db",
      "    30:3  warning  image-tag-latest   pin the image",
    ]);
  });

  it("wraps long messages within an 80- and a 120-column terminal, aligned under their column", () => {
    const message =
      `container "app" image "registry.example.com/team/service:latest" uses the :latest tag; ${"pin a version or a digest ".repeat(4)}`.trim();
    const findings = [
      finding("deploy/app.yaml", 12, { message, rule: "service-selector-matches-nothing" }),
      finding("deploy/app.yaml", 140, { message: "short" }),
    ];
    for (const columns of [80, 120]) {
      const lines = renderText(findings, summary, { color: false, columns }).trimEnd().split("\n");
      for (const line of lines) expect(line.length, `${columns}: ${line}`).toBeLessThanOrEqual(columns);
      // broken only at spaces: the message reads whole once the lines are joined
      expect(lines.join(" ").replace(/\s+/g, " ")).toContain(message);
    }
    const wide = renderText(findings, summary, { color: false, columns: 120 }).split("\n");
    const first = wide.find((line) => line.includes("12:3")) ?? "";
    // at 120 columns the message starts beside the rule, continuation lines under its first character
    const column = first.indexOf('container "app"');
    expect(column).toBeGreaterThan(0);
    expect(wide[wide.indexOf(first) + 1]?.search(/\S/)).toBe(column);
    const narrow = renderText(findings, summary, { color: false, columns: 80 }).split("\n");
    const rule = narrow.find((line) => line.includes("12:3")) ?? "";
    // at 80 the rule ends its row and the message goes under the severity
    expect(rule.trimEnd().endsWith("service-selector-matches-nothing")).toBe(true);
    expect(narrow[narrow.indexOf(rule) + 1]?.trimStart().startsWith('container "app"')).toBe(true);
    expect(narrow[narrow.indexOf(rule) + 1]?.search(/\S/)).toBe(rule.indexOf("warning"));
    // a pipe keeps each finding on one line, for grep
    expect(
      renderText(findings, summary, { color: false })
        .split("\n")
        .filter((l) => l.includes(message)),
    ).toHaveLength(1);
  });

  it("ends with what --fix and --unsafe-fixes can fix", () => {
    const op = [{ op: "remove" as const, path: "/x" }];
    const findings = [
      finding("a.yaml", 1, { fix: op, fixApplicability: "safe" }),
      finding("a.yaml", 2, { fix: op, fixApplicability: "unsafe" }),
      finding("a.yaml", 3, { fix: op, fixApplicability: "unsafe" }),
      finding("a.yaml", 4),
    ];
    const last = (text: string) => text.trimEnd().split("\n").at(-1);
    expect(last(renderText(findings, summary, { color: false }))).toBe("1 fixable with --fix, 2 more with --fix --unsafe-fixes.");
    expect(last(renderText(findings, summary, { color: false, fixable: { safe: 0, unsafe: 1 } }))).toBe(
      "1 fixable with --fix --unsafe-fixes (none with --fix alone).",
    );
    expect(last(renderText([finding("a.yaml", 4)], summary, { color: false }))).toMatch(/^1 finding /);
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
