import { styleText } from "node:util";
import type { Summary } from "../check.js";
import type { Finding, Severity } from "../findings/finding.js";
import { plural } from "../plural.js";

export interface TextOptions {
  /** colour only when writing to a terminal */
  readonly color: boolean;
}

type Style = Parameters<typeof styleText>[0];

const SEVERITY_STYLE: Record<Severity, Style> = {
  error: ["red", "bold"],
  warning: "yellow",
  info: "cyan",
};

/**
 * Control characters from a manifest (a YAML string can hold `"\e[2J"`) must not reach a terminal
 * as escape sequences: they are shown as `\x1b`-style text instead.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Findings grouped by file, one `file:line:col  severity  rule  message` line each, then a tally. */
export function renderText(findings: readonly Finding[], summary: Summary, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byFile.get(finding.file);
    if (group) group.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const lines: string[] = [];
  for (const [file, group] of byFile) {
    lines.push(paint("underline", printable(file)));
    for (const finding of group) {
      const where = printable(`${finding.file}:${finding.line}:${finding.column}`);
      const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(7));
      lines.push(`  ${where}  ${severity}  ${paint("dim", finding.rule)}  ${printable(finding.message)}`);
    }
    lines.push("");
  }
  lines.push(paint("bold", tally(findings.length, summary)));
  return `${lines.join("\n")}\n`;
}

function tally(count: number, summary: Summary): string {
  const scope = `${plural(summary.resources, "resource")} from ${plural(summary.files, "file")}`;
  const score = ` Readiness ${summary.score.overall}/100.`;
  // nothing checked is not a pass: no "No findings", no score
  if (summary.resources === 0 && count === 0) return `0 resources checked (${plural(summary.files, "file")} read).`;
  if (count === 0) return `No findings in ${scope}.${score}`;
  const { error, warning, info } = summary.bySeverity;
  return `${plural(count, "finding")} (${plural(error, "error")}, ${plural(warning, "warning")}, ${info} info) in ${scope}.${score}`;
}
