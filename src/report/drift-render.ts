/** One entry point for the drift reports: every format renders the same DriftResult. */

import type { DriftResult } from "../drift/types.js";
import { renderDriftJson } from "./drift-json.js";
import { renderDriftMarkdown } from "./drift-markdown.js";
import { renderDriftText } from "./drift-text.js";

export const DRIFT_FORMATS = ["text", "json", "markdown"] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

export function isDriftFormat(value: string): value is DriftFormat {
  return (DRIFT_FORMATS as readonly string[]).includes(value);
}

export function renderDrift(format: DriftFormat, result: DriftResult, options: { readonly color: boolean }): string {
  switch (format) {
    case "json":
      return renderDriftJson(result);
    case "markdown":
      return renderDriftMarkdown(result);
    case "text":
      return renderDriftText(result, options);
  }
}
