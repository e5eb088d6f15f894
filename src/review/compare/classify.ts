import type { Finding } from "../../findings/finding.js";

/** Findings of a pull request sorted by what the pull request did to them. */
export interface Classified {
  /** at head, not at base: this pull request brought them */
  readonly introduced: Finding[];
  /** at head and at base: debt the pull request did not add */
  readonly existing: Finding[];
  /** at base, not at head: this pull request removed them */
  readonly fixed: Finding[];
}

/**
 * Compares by fingerprint (rule, object, field — never the line), counting duplicates: two
 * identical fingerprints at head and one at base make one new finding, not zero.
 */
export function classify(head: readonly Finding[], base: readonly Finding[]): Classified {
  const remaining = countBy(base);
  const introduced: Finding[] = [];
  const existing: Finding[] = [];
  for (const finding of head) {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left > 0) {
      remaining.set(finding.fingerprint, left - 1);
      existing.push(finding);
    } else {
      introduced.push(finding);
    }
  }
  const unmatched = countBy(head);
  const fixed: Finding[] = [];
  for (const finding of base) {
    const left = unmatched.get(finding.fingerprint) ?? 0;
    if (left > 0) unmatched.set(finding.fingerprint, left - 1);
    else fixed.push(finding);
  }
  return { introduced, existing, fixed };
}

/** Without a base to compare with, whatever is in the changed files is what the review is about. */
export function classifyWithoutBase(head: readonly Finding[], changed: ReadonlySet<string>): Classified {
  return {
    introduced: head.filter((finding) => changed.has(finding.file)),
    existing: head.filter((finding) => !changed.has(finding.file)),
    fixed: [],
  };
}

function countBy(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.fingerprint, (counts.get(finding.fingerprint) ?? 0) + 1);
  return counts;
}
