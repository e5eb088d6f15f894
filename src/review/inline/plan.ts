import type { Suggestion } from "../../edit/index.js";
import type { Finding } from "../../findings/finding.js";
import type { ChangedFile } from "../diff/changed-file.js";
import { type Hunk, hunkAt, inOneHunk } from "../diff/hunks.js";
import { commentBody } from "./body.js";
import type { Suggester } from "./suggestions.js";

export type { Suggestion } from "../../edit/index.js";

/** One inline comment of the review, on the head revision's lines. */
export interface InlineComment {
  /** the findings it speaks for: several when one suggested change fixes them all */
  readonly fingerprints: readonly string[];
  readonly path: string;
  readonly line: number;
  /** set for a suggestion spanning several lines */
  readonly startLine?: number;
  readonly body: string;
  /** the change it suggests, if any */
  readonly suggestion?: Suggestion;
}

export interface InlinePlan {
  /** comments to post now */
  readonly comments: InlineComment[];
  /** findings already commented on an earlier run: not posted again */
  readonly alreadyPosted: Finding[];
  /** findings on lines the diff does not show: they go to the summary (and the annotations) */
  readonly outsideDiff: Finding[];
  /** findings past the cap on inline comments: listed in the summary only */
  readonly overflow: Finding[];
}

/** A review is for reading: past this many findings commented inline per change, the summary says the rest. */
export const MAX_INLINE_COMMENTS = 50;

/**
 * Decides which findings become inline comments: those on a line a hunk shows (GitHub rejects the
 * whole review for one line outside the diff), each at most once across runs, at most `max` per
 * change (errors first if the caller orders them so).
 *
 * Suggestions: the fixes of one object are merged into one suggestion, carried by one comment that
 * speaks for all its findings; where that merged change does not fit in one hunk, each finding gets
 * its own. A suggestion is attached only when every line it replaces is in one hunk and no other
 * suggestion of the review touches those lines, so every suggestion applies on top of the others.
 */
export function planInlineComments(
  findings: readonly Finding[],
  changed: ReadonlyMap<string, ChangedFile>,
  posted: ReadonlySet<string>,
  suggester: Suggester | undefined,
  max = MAX_INLINE_COMMENTS,
): InlinePlan {
  const alreadyPosted: Finding[] = [];
  const outsideDiff: Finding[] = [];
  const overflow: Finding[] = [];
  const commentable: Finding[] = [];
  const room = Math.max(0, max - posted.size);
  const planned = new Set<string>();
  for (const finding of findings) {
    if (!hunkAt(hunksOf(changed, finding.file), finding.line)) outsideDiff.push(finding);
    else if (posted.has(finding.fingerprint) || planned.has(finding.fingerprint)) alreadyPosted.push(finding);
    else if (planned.size >= room) overflow.push(finding);
    else {
      planned.add(finding.fingerprint);
      commentable.push(finding);
    }
  }
  const claims = new LineClaims();
  const groupOf = new Map<Finding, { findings: readonly Finding[]; suggestion: Suggestion }>();
  for (const group of suggester?.merged(commentable) ?? []) {
    const { startLine, endLine } = group.suggestion;
    if (!inOneHunk(hunksOf(changed, group.file), startLine, endLine) || !claims.claim(group.file, startLine, endLine)) continue;
    const members = commentable.filter((finding) => group.findings.includes(finding));
    for (const finding of members) groupOf.set(finding, { findings: members, suggestion: group.suggestion });
  }
  const comments: InlineComment[] = [];
  for (const finding of commentable) {
    const group = groupOf.get(finding);
    if (group) {
      // the group's comment goes where its first finding would have gone; the others are in it
      if (group.findings[0] === finding) comments.push(comment(finding.file, group.findings, group.suggestion, finding.line));
      continue;
    }
    const single = finding.fix && suggester ? suggester.single(finding) : undefined;
    const usable =
      single &&
      inOneHunk(hunksOf(changed, finding.file), single.startLine, single.endLine) &&
      claims.claim(finding.file, single.startLine, single.endLine)
        ? single
        : undefined;
    comments.push(comment(finding.file, [finding], usable, finding.line));
  }
  return { comments, alreadyPosted, outsideDiff, overflow };
}

function comment(path: string, findings: readonly Finding[], suggestion: Suggestion | undefined, line: number): InlineComment {
  return {
    fingerprints: findings.map((finding) => finding.fingerprint),
    path,
    // a suggestion's comment sits on the lines it replaces
    line: suggestion ? suggestion.endLine : line,
    ...(suggestion && suggestion.startLine < suggestion.endLine ? { startLine: suggestion.startLine } : {}),
    body: commentBody(findings, suggestion),
    ...(suggestion ? { suggestion } : {}),
  };
}

function hunksOf(changed: ReadonlyMap<string, ChangedFile>, file: string): readonly Hunk[] {
  return changed.get(file)?.hunks ?? [];
}

/** The lines each file's suggestions replace: two suggestions on one line cannot both be applied. */
class LineClaims {
  private readonly taken = new Map<string, Array<[number, number]>>();

  claim(file: string, start: number, end: number): boolean {
    const ranges = this.taken.get(file) ?? [];
    if (ranges.some(([from, to]) => start <= to && from <= end)) return false;
    ranges.push([start, end]);
    this.taken.set(file, ranges);
    return true;
  }
}
