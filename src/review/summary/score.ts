import type { Summary } from "../../check.js";

/** The overall readiness score of an analysis; undefined when there was no analysis (no base). */
export function readinessScore(summary: Summary | undefined): number | undefined {
  return summary?.score.overall;
}

/** `readiness 72 → 80 (+8)`, `readiness 80` without a base, or undefined without a score. */
export function scoreChange(head: Summary, base: Summary | undefined): string | undefined {
  const after = readinessScore(head);
  if (after === undefined) return undefined;
  const before = readinessScore(base);
  if (before === undefined) return `readiness ${format(after)}`;
  const delta = after - before;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  return `readiness ${format(before)} → ${format(after)} (${sign}${format(Math.abs(delta))})`;
}

function format(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
