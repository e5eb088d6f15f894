/** "What changed" between two findings of drift, by resource and field (never by value). */

import { codeSpan } from "../../src/report/markdown-escape.js";

const MAX_LINES = 20;

export function describeChanges(before: readonly string[], after: readonly string[]): string {
  const old = new Set(before);
  const now = new Set(after);
  const added = after.filter((item) => !old.has(item));
  const gone = before.filter((item) => !now.has(item));
  const lines = [
    ...added.map((item) => `- new: ${codeSpan(item)}`),
    ...gone.map((item) => `- no longer drifting: ${codeSpan(item)}`),
  ];
  if (lines.length === 0) lines.push(...after.map((item) => `- changed value: ${codeSpan(item)}`));
  const more = lines.length > MAX_LINES ? [`- … and ${lines.length - MAX_LINES} more`] : [];
  return [...lines.slice(0, MAX_LINES), ...more].join("\n");
}
