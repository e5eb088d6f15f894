/** How drift values and times read in the text and Markdown reports: short, one line, never a Secret. */

import type { Drift, DriftChange, FieldOwner } from "../drift/types.js";

/** `"1.4.2"`, `{"path":"/healthz"}`, or `(absent)`; long values end in `…`. */
export function formatValue(value: unknown, max = 72): string {
  if (value === undefined || value === null) return "(absent)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const flat = text.replace(/\s*\n\s*/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `2025-03-01 10:22 UTC` from the ISO time managedFields carry. */
export function formatTime(time: string | undefined): string {
  if (!time) return "";
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(time);
  return match ? `${match[1]} ${match[2]} UTC` : time;
}

/** `kubectl-edit (imperative)`, with the subresource when there is one. */
export function formatOwner(owner: FieldOwner | undefined): string {
  if (!owner) return "unknown";
  const via = owner.subresource ? `, via ${owner.subresource}` : "";
  return `${owner.manager} (${owner.actor}${via})`;
}

/** `Deployment shop/web`, `ClusterRole admin`. */
export function objectName(drift: Drift): string {
  return `${drift.kind} ${drift.namespace ? `${drift.namespace}/` : ""}${drift.name}`;
}

/** What a change is in words: added in the cluster, removed from it, or changed. */
export function changeVerb(change: DriftChange): "added" | "removed" | "changed" {
  if (change.git === undefined) return "added";
  if (change.live === undefined) return "removed";
  return "changed";
}

/** The ignore rules controller-owned changes call for, as `drift.ignore` entries in the configuration. */
export function suggestedIgnores(drifts: readonly Drift[]): string[] {
  const lines = new Set<string>();
  for (const drift of drifts) {
    for (const change of drift.changes) {
      const rule = change.suggestIgnore;
      if (!rule) continue;
      lines.add(`- {kind: ${rule.kind}, name: ${rule.name}, pointers: ["${rule.pointer}"]}`);
    }
  }
  return [...lines];
}
