/** The report formats of `check`, apart from the renderers: argument parsing and help need only the names. */
export const REPORT_FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
