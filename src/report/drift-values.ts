/** How drift values and times read in the text and Markdown reports: short, one line, never a Secret. */

import type { Drift, DriftChange, DriftResult, FieldOwner } from "../drift/types.js";

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

/**
 * `kubectl-edit (imperative)`, with the subresource when there is one. A removal's author is
 * inferred (no entry owns a removed field): it says so.
 */
export function formatOwner(owner: FieldOwner | undefined): string {
  if (!owner) return "unknown";
  const via = owner.subresource ? `, via ${owner.subresource}` : "";
  const inferred = owner.inferred ? ", the latest to update its parent" : "";
  return `${owner.manager} (${owner.actor}${via}${inferred})`;
}

/** `Deployment shop/web spec.replicas` for each field that waits for the GitOps sync. */
export function pendingFields(result: DriftResult): string[] {
  return (result.pending ?? []).map(
    (field) => `${field.kind} ${field.namespace ? `${field.namespace}/` : ""}${field.name} ${field.field}`,
  );
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

/**
 * The ignore rules controller-owned changes call for, as `drift.ignore` entries in the configuration
 * (one YAML flow mapping each). A change whose owner is known trusts that manager on the object
 * (`managers:`), which keeps matching whatever else it changes later; otherwise the field is named,
 * list items by their name (`jqPathExpressions`), else by pointer. The namespace is always given:
 * two namespaces often hold objects of one name.
 */
export function suggestedIgnores(drifts: readonly Drift[]): string[] {
  const lines = new Set<string>();
  for (const drift of drifts) {
    for (const change of drift.changes) {
      const rule = change.suggestIgnore;
      if (!rule) continue;
      const namespace = drift.namespace ? `, namespace: ${flowScalar(drift.namespace)}` : "";
      const what = rule.manager
        ? `managers: [${flowScalar(rule.manager)}]`
        : rule.jqPath
          ? `jqPathExpressions: [${flowScalar(rule.jqPath)}]`
          : `pointers: [${flowScalar(rule.pointer)}]`;
      lines.add(`- {kind: ${flowScalar(rule.kind)}${namespace}, name: ${flowScalar(rule.name)}, ${what}}`);
    }
  }
  return [...lines];
}

/** A plain scalar when YAML reads it back unchanged inside a flow mapping, else single-quoted. */
function flowScalar(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text)
    ? text
    : `'${text.replaceAll("'", "''")}'`;
}

/** Whether a change's values are secrets (a Secret's data, a credential env var): shown only as "value changed". */
export function isSecretValue(change: Pick<DriftChange, "secret">): boolean {
  return change.secret === true;
}

/** The key a secret change is about: a Secret's data key, or the env var's name. */
export function secretKey(change: Pick<DriftChange, "path" | "display">): string {
  const data = /^\/(?:data|stringData)\/([^/]+)$/.exec(change.path);
  if (data?.[1] !== undefined) return data[1].replaceAll("~1", "/").replaceAll("~0", "~");
  const env = /\.env\[([^\]]+)\]/.exec(change.display);
  return env?.[1] ?? change.display;
}

/**
 * A secret change in words, never its value: "value changed", "added in the cluster" or "removed
 * from the cluster". With `fingerprints` (a key the user configured, so they are comparable across
 * runs) the keyed fingerprints follow; without, a fingerprint would mean nothing outside this run.
 */
export function secretChangeText(change: Pick<DriftChange, "git" | "live">, fingerprints: boolean): string {
  const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  if (change.git === undefined) return `added in the cluster${fingerprints ? ` (${shown(change.live)})` : ""}`;
  if (change.live === undefined) return `removed from the cluster${fingerprints ? ` (${shown(change.git)})` : ""}`;
  return `value changed${fingerprints ? ` (${shown(change.git)} → ${shown(change.live)})` : ""}`;
}
