import type { CheckResult } from "../check.js";
import type { ReportFormat } from "./formats.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import type { SarifSources } from "./sarif.js";
import { renderCheckSarif } from "./sarif-check.js";
import { type Fixable, renderText } from "./text.js";

export { isReportFormat, REPORT_FORMATS, type ReportFormat } from "./formats.js";

export interface RenderOptions {
  /** ANSI colour in the text report */
  readonly color: boolean;
  /** text: the terminal's width in columns (undefined: not a terminal, lines are not wrapped) */
  readonly columns?: number;
  /** text: what `--fix` can fix (the fixer's plan) */
  readonly fixable?: Fixable;
  /** SARIF: a finding's file as a URI relative to the repository root (default: the file as given) */
  readonly uriFor?: (file: string) => string;
  /** SARIF: the files' texts (line hashes, regions, fixes) */
  readonly sources?: SarifSources;
  /** SARIF: code scanning's category (`--sarif-category`) */
  readonly sarifCategory?: string;
  /** SARIF: the repository root's absolute path */
  readonly root?: string;
}

export function renderReport(format: ReportFormat, result: CheckResult, options: RenderOptions): string {
  switch (format) {
    case "json":
      return renderJson(result.findings, result.summary);
    case "text":
      return renderText(result.findings, result.summary, options);
    case "sarif":
      return renderCheckSarif(result, {
        ...(options.uriFor ? { uriFor: options.uriFor } : {}),
        ...(options.sources ? { sources: options.sources } : {}),
        ...(options.sarifCategory !== undefined ? { category: options.sarifCategory } : {}),
        ...(options.root !== undefined ? { root: options.root } : {}),
      });
    case "markdown":
      return renderMarkdown(result.findings, result.summary);
  }
}
