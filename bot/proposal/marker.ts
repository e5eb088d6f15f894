/**
 * The bot's memory lives on GitHub, in a hidden comment at the end of what it writes (a pull
 * request's or issue's body, a comment), so any replica, after any restart, knows what it proposed.
 * The payload is base64url JSON: nothing in it can close the HTML comment, and it carries no values.
 */

const PREFIX = "<!-- plumbline:";
const PATTERN = /<!-- plumbline:([a-z-]+) ([A-Za-z0-9_-]+) -->/g;
const MAX_ITEMS = 300;

export interface DriftMarker {
  readonly cluster: string;
  /** the drift the body describes */
  readonly fingerprint: string;
  /** resource + field of each row, to say what changed in a later comment */
  readonly items: readonly string[];
}

export type MarkerKind = "drift" | "dashboard" | "comment";

export function writeMarker(kind: MarkerKind, payload: object): string {
  const value = kind === "drift" ? { ...payload, items: ((payload as DriftMarker).items ?? []).slice(0, MAX_ITEMS) } : payload;
  return `${PREFIX}${kind} ${Buffer.from(JSON.stringify(value), "utf8").toString("base64url")} -->`;
}

export function readMarker<T = unknown>(body: string | null | undefined, kind: MarkerKind): T | undefined {
  for (const match of (body ?? "").matchAll(PATTERN)) {
    if (match[1] !== kind) continue;
    try {
      return JSON.parse(Buffer.from(match[2] as string, "base64url").toString("utf8")) as T;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function readDriftMarker(body: string | null | undefined): DriftMarker | undefined {
  const marker = readMarker<Partial<DriftMarker>>(body, "drift");
  if (!marker || typeof marker.cluster !== "string" || typeof marker.fingerprint !== "string") return undefined;
  return {
    cluster: marker.cluster,
    fingerprint: marker.fingerprint,
    items: Array.isArray(marker.items) ? marker.items.filter((item): item is string => typeof item === "string") : [],
  };
}

/** Set on what the bot closed itself (drift gone): such a close is not a person declining the drift. */
const RESOLVED = "<!-- plumbline:resolved -->";

export function markResolved(body: string): string {
  return body.includes(RESOLVED) ? body : `${body.trimEnd()}\n${RESOLVED}\n`;
}

export function isResolved(body: string): boolean {
  return body.includes(RESOLVED);
}
