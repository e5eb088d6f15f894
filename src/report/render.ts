import type { CheckResult } from "../check.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export const REPORT_FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the text report */
  readonly color: boolean;
  /** SARIF: a finding's file as a URI relative to the repository root (default: the file as given) */
  readonly uriFor?: (file: string) => string;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function renderReport(format: ReportFormat, result: CheckResult, options: RenderOptions): string {
  switch (format) {
    case "json":
      return renderJson(result.findings, result.summary);
    case "text":
      return renderText(result.findings, result.summary, options);
    case "sarif":
      return renderSarif(result.findings, options.uriFor ? { uriFor: options.uriFor } : {});
    case "markdown":
      return renderMarkdown(result.findings, result.summary);
  }
}
