import fc from "fast-check";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import type { Summary } from "../../src/check.js";
import type { Finding, Severity } from "../../src/findings/finding.js";
import {
  codeSpan,
  escapeMarkdown,
  findingsTable,
  renderMarkdown,
  resourceName,
  severityCounts,
} from "../../src/report/markdown.js";
import { docsUrl } from "../../src/rules/docs-url.js";

/** GFM's first step for a table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll("\\|", "|"));
}

/** What a reader sees of escaped inline text: escapes and entities undone, <br> as a newline. */
function rendered(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])|&(amp|lt|gt);|<br>/g, (match, escaped: string | undefined, entity: string | undefined) => {
      if (escaped) return escaped;
      if (entity) return { amp: "&", lt: "<", gt: ">" }[entity] ?? match;
      return "\n";
    })
    .replaceAll("\u200b", "");
}

/** The input as the escaper promises to keep it: line breaks as \n, controls and bidi overrides as spaces. */
function normalized(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what is being normalised
  return text.replace(/\r\n|\r/g, "\n").replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, " ");
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: "image-tag-latest",
    severity: "warning",
    file: "deploy/app.yaml",
    line: 12,
    column: 9,
    resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" },
    message: 'container "app" image "nginx:latest" uses the :latest tag',
    fingerprint: "feedfacefeedface",
    path: "/spec/template/spec/containers/0/image",
    ...overrides,
  };
}

function summaryOf(findings: readonly Finding[]): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity] += 1;
  return {
    files: 2,
    resources: 3,
    findings: findings.length,
    bySeverity,
    byRule: {},
    score: { overall: 100, resources: [] },
    kubernetesVersion: "1.31",
  };
}

describe("escapeMarkdown", () => {
  it("keeps a table cell whole and literal whatever the text holds", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeMarkdown(text);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(cells(`| a | ${escaped} | b |`)).toHaveLength(3);
        expect(escaped.replaceAll("<br>", "")).not.toMatch(/[<>]/);
        expect(rendered(escaped)).toBe(normalized(text));
      }),
      { numRuns: 200 },
    );
  });

  it("neutralises the constructs a crafted manifest could use", () => {
    const hostile = 'x | y `code` <img src=x onerror="alert(1)"> **bold** [link](https://evil) $math$ ~~gone~~';
    const escaped = escapeMarkdown(hostile);
    expect(escaped).toContain("x \\| y \\`code\\` &lt;img");
    expect(escaped).toContain("\\*\\*bold\\*\\* \\[link\\](https:\u200b//evil) \\$math\\$ \\~\\~gone\\~\\~");
    expect(escapeMarkdown("line one\r\nline two\nthree")).toBe("line one<br>line two<br>three");
  });

  it("turns no bare URL from a manifest into a link (GFM autolinks http://, https://, www. and e-mail addresses)", () => {
    const hostile =
      "pull https://evil.example/login?x=1, HTTP://Evil.example, www.evil.example or ftp://evil.example, mail me@evil.example";
    const html = marked.parse(escapeMarkdown(hostile), { gfm: true, async: false });
    expect(html).not.toContain("<a");
    expect(html).not.toContain('evil.example/login"');
    // still readable: the zero-width spaces are invisible
    expect(rendered(escapeMarkdown(hostile))).toBe(hostile);
    // the control: unescaped, GFM does link it
    expect(marked.parse(hostile, { gfm: true, async: false })).toContain('<a href="https://evil.example/login?x=1"');
  });

  it("breaks @mentions and #references, which GitHub links after rendering", () => {
    expect(escapeMarkdown("ping @octocat about #12")).toBe("ping @\u200boctocat about \\#\u200b12");
    expect(escapeMarkdown("user@example.com")).toBe("user@\u200bexample.com");
    expect(escapeMarkdown("a @ b # c")).toBe("a @ b \\# c");
  });
});

describe("codeSpan", () => {
  it("shows text verbatim in a cell, backticks and pipes included", () => {
    expect(codeSpan("app.yaml:3")).toBe("`app.yaml:3`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
    expect(codeSpan("a|b")).toBe("`a\\|b`");
    expect(codeSpan("two\nlines")).toBe("`two lines`");
    expect(codeSpan("")).toBe("");
  });

  it("always yields one cell whose code content is the text on one line", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const span = codeSpan(text);
        const [cell] = cells(`| ${span} |`);
        const fence = /^`+/.exec(cell ?? "")?.[0] ?? "";
        expect(fence.length).toBeGreaterThan(0);
        let content = (cell ?? "").slice(fence.length, -fence.length);
        if (content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") content = content.slice(1, -1);
        expect(content).toBe(normalized(text).replaceAll("\n", " "));
        const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
        expect(longestRun).toBeLessThan(fence.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("findingsTable", () => {
  it("has a header, one five-cell row per finding, errors first", () => {
    const findings = [
      finding({ severity: "info", rule: "file-skipped", line: 1 }),
      finding({ severity: "warning", line: 5 }),
      finding({ severity: "error", rule: "memory-limit-below-request", line: 9 }),
    ];
    const lines = findingsTable(findings).trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(cells(lines[0] ?? "")).toEqual(["Severity", "Location", "Rule", "Resource", "Message"]);
    expect(lines.slice(2).map((line) => cells(line)[0])).toEqual(["🔴\u00a0error", "🟡\u00a0warning", "🔵\u00a0info"]);
    for (const line of lines.slice(2)) expect(cells(line)).toHaveLength(5);
    expect(cells(lines[2] ?? "")).toEqual([
      "🔴\u00a0error",
      "`deploy/app.yaml:9`",
      `[\`memory-limit-below-request\`](${docsUrl("memory-limit-below-request")})`,
      "`Deployment/shop/web`",
      'container "app" image "nginx:latest" uses the :latest tag',
    ]);
  });

  it("keeps one row per finding when file and message are hostile", () => {
    const hostile = finding({
      file: "we|rd`dir/app.yaml",
      message: "bad | value\n<script>alert(1)</script> @admin",
      resource: { apiVersion: "v1", kind: "ConfigMap", namespace: null, name: "a|b" },
    });
    const lines = findingsTable([hostile]).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const row = cells(lines[2] ?? "");
    expect(row).toHaveLength(5);
    expect(row[1]).toBe("``we|rd`dir/app.yaml:12``");
    expect(row[3]).toBe("`ConfigMap/a|b`");
    expect(row[4]).not.toContain("<script>");
    expect(rendered(row[4] ?? "")).toBe("bad | value\n<script>alert(1)</script> @admin");
  });

  it("shows a dash for findings about a file rather than a resource", () => {
    const input = finding({ rule: "yaml-syntax-error", resource: { apiVersion: null, kind: null, namespace: null, name: null } });
    expect(cells(findingsTable([input]).split("\n")[2] ?? "")[3]).toBe("—");
    expect(resourceName({ apiVersion: "v1", kind: "Namespace", namespace: null, name: "shop" })).toBe("Namespace/shop");
  });

  it("stops at maxRows and says how many were left out", () => {
    const findings = Array.from({ length: 7 }, (_, i) => finding({ line: i + 1 }));
    const table = findingsTable(findings, { maxRows: 5 });
    expect(table.split("\n").filter((line) => line.startsWith("| 🟡"))).toHaveLength(5);
    expect(table).toContain("…and 2 more findings not shown here.");
    expect(findingsTable(findings)).not.toContain("not shown");
  });
});

describe("renderMarkdown", () => {
  it("leads with counts by severity, then the scope and the table", () => {
    const findings = [finding({ severity: "error" }), finding(), finding({ line: 30 })];
    const markdown = renderMarkdown(findings, summaryOf(findings));
    expect(markdown).toMatch(/^## Plumbline: 3 findings \(🔴 1 error · 🟡 2 warnings · 🔵 0 info\)\n/);
    expect(markdown).toContain("Checked 3 resources in 2 files, against Kubernetes 1.31.");
    expect(markdown.split("\n").filter((line) => line.startsWith("| "))).toHaveLength(5);
  });

  it("says there is nothing to report, without a table", () => {
    const markdown = renderMarkdown([], summaryOf([]));
    expect(markdown).toMatch(/^## ✅ Plumbline: nothing to report\n/);
    expect(markdown).toContain("No findings.");
    expect(markdown).not.toContain("| Severity |");
  });

  it("counts every severity, zeros included, in words that agree with the number", () => {
    expect(severityCounts({ error: 0, warning: 1, info: 3 })).toBe("🔴 0 errors · 🟡 1 warning · 🔵 3 info");
  });

  it("escapes a caller's title", () => {
    expect(renderMarkdown([], summaryOf([]), { title: "PR #4 <b>" })).toContain(
      "## ✅ PR \\#\u200b4 &lt;b&gt;: nothing to report",
    );
  });
});
