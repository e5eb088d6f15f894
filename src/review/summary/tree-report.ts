import type { Summary } from "../../check.js";
import type { Finding } from "../../findings/finding.js";
import { renderMarkdown } from "../../report/markdown.js";
import { hardLimit } from "../../report/markdown-budget.js";

/** The core's Markdown report with as many table rows as `limit` allows. */
export function fittedMarkdown(findings: readonly Finding[], summary: Summary, limit: number): string {
  let rows = findings.length;
  for (;;) {
    const text = renderMarkdown(findings, summary, { maxRows: rows });
    if (text.length <= limit || rows === 0) return hardLimit(text, limit, "…the report was cut here.");
    rows = Math.min(rows - 1, Math.floor((rows * limit * 0.95) / text.length));
  }
}
