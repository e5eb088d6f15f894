import type { Summary } from "../check.js";
import { type Finding, type FindingResource, SEVERITIES, type Severity } from "../findings/finding.js";
import { plural } from "../plural.js";
import { docsUrl } from "../rules/docs-url.js";
import { DOCS_BASE } from "../rules/types.js";
import { codeLink, codeSpan, escapeMarkdown } from "./markdown-escape.js";
import { TOOL } from "./tool.js";

export { codeLink, codeSpan, escapeMarkdown } from "./markdown-escape.js";

const SEVERITY_ICON: Record<Severity, string> = { error: "🔴", warning: "🟡", info: "🔵" };

export interface FindingsTableOptions {
  /** GitHub comments are capped at 65,536 characters: past this many rows, say how many were left out */
  readonly maxRows?: number;
}

export interface MarkdownOptions extends FindingsTableOptions {
  /** heading text; the Action uses its own */
  readonly title?: string;
}

/** `🔴 error`: the icon carries the severity at a glance, the word keeps it readable without colour. */
export function severityLabel(severity: Severity): string {
  // a no-break space: a narrow table column keeps "🟡 warning" on one line
  return `${SEVERITY_ICON[severity]}\u00a0${severity}`;
}

/** `🔴 2 errors · 🟡 1 warning · 🔵 0 info`: every severity, so a zero is visible too. */
export function severityCounts(bySeverity: Readonly<Record<Severity, number>>): string {
  return SEVERITIES.map((severity) => {
    const count = bySeverity[severity];
    const noun = severity === "info" || count === 1 ? severity : `${severity}s`;
    return `${SEVERITY_ICON[severity]} ${count} ${noun}`;
  }).join(" · ");
}

/** `Deployment/shop/web`, or an empty string when the finding is about the file itself. */
export function resourceName(resource: FindingResource): string {
  if (!resource.kind && !resource.name) return "";
  return [resource.kind ?? "?", resource.namespace, resource.name ?? "?"].filter((part) => part != null).join("/");
}

/**
 * One row per finding, errors first, otherwise in the order given (file, then line). Every cell
 * is escaped, so a crafted manifest cannot break the table or inject HTML or mentions.
 */
export function findingsTable(findings: readonly Finding[], options: FindingsTableOptions = {}): string {
  const ordered = SEVERITIES.flatMap((severity) => findings.filter((finding) => finding.severity === severity));
  const shown = options.maxRows === undefined ? ordered : ordered.slice(0, Math.max(0, options.maxRows));
  const lines = ["| Severity | Location | Rule | Resource | Message |", "| --- | --- | --- | --- | --- |"];
  for (const finding of shown) {
    const cells = [
      severityLabel(finding.severity),
      codeSpan(`${finding.file}:${finding.line}`),
      codeLink(finding.rule, docsUrl(finding.rule)),
      codeSpan(resourceName(finding.resource)) || "—",
      escapeMarkdown(finding.message),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const hidden = ordered.length - shown.length;
  if (hidden > 0) lines.push("", `…and ${hidden} more ${hidden === 1 ? "finding" : "findings"} not shown here.`);
  return `${lines.join("\n")}\n`;
}

/** What was checked: `4 resources in 2 files, against Kubernetes 1.31.` */
export function scopeLine(summary: Summary): string {
  return `Checked ${plural(summary.resources, "resource")} in ${plural(summary.files, "file")}, against Kubernetes ${escapeMarkdown(summary.kubernetesVersion)}. Readiness **${summary.score.overall}**/100.`;
}

/** The whole `--format markdown` report: headline with counts, the table, or a clear all-clear. */
export function renderMarkdown(findings: readonly Finding[], summary: Summary, options: MarkdownOptions = {}): string {
  const title = escapeMarkdown(options.title ?? TOOL.name);
  const parts: string[] = [];
  if (findings.length === 0) {
    parts.push(`## ✅ ${title}: nothing to report`, "", `${scopeLine(summary)} No findings.`);
  } else {
    parts.push(
      `## ${title}: ${plural(findings.length, "finding")} (${severityCounts(summary.bySeverity)})`,
      "",
      scopeLine(summary),
      "",
      findingsTable(findings, options).trimEnd(),
    );
  }
  parts.push("", `<sub>${TOOL.name} ${escapeMarkdown(TOOL.version)} · [rule documentation](${DOCS_BASE})</sub>`);
  return `${parts.join("\n")}\n`;
}
