/**
 * The hidden marker an inline comment carries for each finding it speaks for: a later run reads the
 * markers back (from its own account's comments only) and does not post the finding again.
 */

const MARKER_PREFIX = "<!-- plumbline:finding:";
const MARKER = /<!-- plumbline:finding:([0-9a-zA-Z_-]+) -->/g;

export function findingMarker(fingerprint: string): string {
  return `${MARKER_PREFIX}${fingerprint} -->`;
}

/** Fingerprints named by the markers in existing review comments. */
export function postedFingerprints(bodies: Iterable<string | undefined>): Set<string> {
  const found = new Set<string>();
  for (const body of bodies) for (const match of body?.matchAll(MARKER) ?? []) if (match[1]) found.add(match[1]);
  return found;
}
