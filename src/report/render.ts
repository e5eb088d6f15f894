import type { CheckResult } from "../check.js";
import { renderJson } from "./json.js";
import { renderText } from "./text.js";

export const REPORT_FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(format: ReportFormat, result: CheckResult, options: { color: boolean }): string {
  switch (format) {
    case "json":
      return renderJson(result.findings, result.summary);
    case "text":
      return renderText(result.findings, result.summary, options);
    default:
      throw new Error(`format ${format} is not implemented yet`);
  }
}
