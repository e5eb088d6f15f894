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

export interface DriftRenderOptions {
  readonly color: boolean;
  /**
   * Show Secret fingerprints: only when they are keyed by a key the user keeps (PLUMBLINE_FINGERPRINT_KEY),
   * so the same value gives the same fingerprint in the next run. Otherwise a change says "value changed".
   */
  readonly fingerprints?: boolean;
}

export function renderDrift(format: DriftFormat, result: DriftResult, options: DriftRenderOptions): string {
  const fingerprints = options.fingerprints === true;
  switch (format) {
    case "json":
      return renderDriftJson(result, { fingerprints });
    case "markdown":
      return renderDriftMarkdown(result, { fingerprints });
    case "text":
      return renderDriftText(result, { color: options.color, fingerprints });
  }
}
