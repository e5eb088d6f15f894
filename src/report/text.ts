import { styleText } from "node:util";
import type { Summary } from "../check.js";
import type { Finding, Severity } from "../findings/finding.js";

export interface TextOptions {
  /** colour only when writing to a terminal */
  readonly color: boolean;
}

const SEVERITY_STYLE: Record<Severity, Parameters<typeof styleText>[0]> = {
  error: ["red", "bold"],
  warning: "yellow",
  info: "cyan",
};

/** Findings grouped by file, one `file:line:col  severity  rule  message` line each, then a tally. */
export function renderText(findings: readonly Finding[], summary: Summary, options: TextOptions): string {
  const paint = (style: Parameters<typeof styleText>[0], text: string) =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const finding of findings) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) lines.push("");
      lines.push(paint("underline", finding.file));
      currentFile = finding.file;
    }
    const where = `${finding.file}:${finding.line}:${finding.column}`;
    lines.push(
      `  ${where}  ${paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(7))}  ${paint("dim", finding.rule)}  ${finding.message}`,
    );
  }
  if (findings.length > 0) lines.push("");
  const { error, warning, info } = summary.bySeverity;
  const tally =
    findings.length === 0
      ? `No findings in ${plural(summary.resources, "resource")} from ${plural(summary.files, "file")}.`
      : `${plural(findings.length, "finding")} (${error} error, ${warning} warning, ${info} info) in ${plural(summary.resources, "resource")} from ${plural(summary.files, "file")}.`;
  lines.push(paint("bold", tally));
  return `${lines.join("\n")}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
