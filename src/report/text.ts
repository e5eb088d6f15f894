import { styleText } from "node:util";
import type { Summary } from "../check.js";
import type { Finding, FindingResource, Severity } from "../findings/finding.js";
import { plural } from "../plural.js";
import { wrapWords } from "./text-wrap.js";

/** How many findings `--fix` would fix, and how many more `--fix --unsafe-fixes` would. */
export interface Fixable {
  readonly safe: number;
  readonly unsafe: number;
}

export interface TextOptions {
  /** colour only when writing to a terminal */
  readonly color: boolean;
  /** the terminal's width: messages wrap within it; undefined (a pipe, a file) keeps each finding on one line */
  readonly columns?: number;
  /** what the fixer would make of the findings; counted from the findings' own fixes when not given */
  readonly fixable?: Fixable;
}

type Style = Parameters<typeof styleText>[0];

const SEVERITY_STYLE: Record<Severity, Style> = {
  error: ["red", "bold"],
  warning: "yellow",
  info: "cyan",
};

/** A message narrower than this goes on its own line under the rule instead of in a column beside it. */
const MIN_MESSAGE_WIDTH = 50;

/**
 * Control characters from a manifest (a YAML string can hold `"\e[2J"`) must not reach a terminal
 * as escape sequences: they are shown as `\x1b`-style text instead.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * Findings grouped by file, then by object (its kind, namespace and name said once), one aligned row
 * each (`line:col  severity  rule  message`), like ESLint's stylish output and kube-score's per-object
 * view; then a tally and what `--fix` can do.
 */
export function renderText(findings: readonly Finding[], summary: Summary, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const lines: string[] = [];
  for (const [file, inFile] of Map.groupBy(findings, (finding) => finding.file)) {
    lines.push(paint("underline", printable(file)));
    const widths = {
      where: Math.max(...inFile.map((f) => `${f.line}:${f.column}`.length)),
      rule: Math.max(...inFile.map((f) => printable(f.rule).length)),
    };
    for (const [object, group] of Map.groupBy(inFile, (finding) => objectLabel(finding.resource))) {
      if (object) lines.push(`  ${paint("bold", printable(object))}`);
      for (const finding of group) lines.push(...row(finding, widths, options.columns, paint));
    }
    lines.push("");
  }
  const toWidth = (text: string) => (options.columns === undefined ? [text] : wrapWords(text, options.columns));
  lines.push(...toWidth(tally(findings.length, summary)).map((line) => paint("bold", line)));
  const fixes = fixLine(options.fixable ?? countFixable(findings));
  if (fixes) lines.push(...toWidth(fixes));
  return `${lines.join("\n")}\n`;
}

function row(
  finding: Finding,
  widths: { where: number; rule: number },
  columns: number | undefined,
  paint: (style: Style, text: string) => string,
): string[] {
  const indent = "    ";
  const where = `${finding.line}:${finding.column}`.padStart(widths.where);
  const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(7));
  const rule = printable(finding.rule);
  const message = printable(finding.message);
  const head = `${indent}${paint("dim", where)}  ${severity}  `;
  const headWidth = indent.length + widths.where + 2 + 7 + 2;
  if (columns === undefined) return [`${head}${paint("dim", rule.padEnd(widths.rule))}  ${message}`];
  const messageColumn = headWidth + widths.rule + 2;
  if (columns - messageColumn >= MIN_MESSAGE_WIDTH) {
    const [first = "", ...rest] = wrapWords(message, columns - messageColumn);
    const pad = " ".repeat(messageColumn);
    return [`${head}${paint("dim", rule.padEnd(widths.rule))}  ${first}`, ...rest.map((line) => pad + line)];
  }
  // narrow: the rule ends the row, the message goes under it at the severity's column
  const under = indent.length + widths.where + 2;
  const pad = " ".repeat(under);
  return [`${head}${paint("dim", rule)}`, ...wrapWords(message, columns - under).map((line) => pad + line)];
}

/** `Deployment shop/web`; undefined for a finding about a file rather than an object (a syntax error). */
function objectLabel(resource: FindingResource): string | undefined {
  if (!resource.kind && !resource.name) return undefined;
  const name = `${resource.namespace ? `${resource.namespace}/` : ""}${resource.name ?? "(unnamed)"}`;
  return `${resource.kind ?? "(no kind)"} ${name}`;
}

function countFixable(findings: readonly Finding[]): Fixable {
  const fixable = findings.filter((finding) => finding.fix && finding.fix.length > 0);
  const safe = fixable.filter((finding) => finding.fixApplicability === "safe").length;
  return { safe, unsafe: fixable.length - safe };
}

function fixLine({ safe, unsafe }: Fixable): string | undefined {
  if (safe === 0 && unsafe === 0) return undefined;
  if (safe === 0) return `${unsafe} fixable with --fix --unsafe-fixes (none with --fix alone).`;
  const more = unsafe === 0 ? "" : `, ${unsafe} more with --fix --unsafe-fixes`;
  return `${safe} fixable with --fix${more}.`;
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
