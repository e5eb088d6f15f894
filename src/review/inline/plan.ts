import { type Suggestion, suggestionLabel } from "../src/edit/index.js";
import type { Finding } from "../src/findings/finding.js";
import { escapeMarkdown, severityLabel } from "../src/report/markdown.js";
import { docsUrl } from "../src/rules/docs-url.js";
import type { ChangedFile } from "./changed-files.js";
import { hunkAt, inOneHunk } from "./diff-hunks.js";
import { encodedCodeLink } from "./links.js";

/** Replace lines `startLine..endLine` (1-based, inclusive) of the head file with `lines` (src/edit's shape). */
export type { Suggestion } from "../src/edit/index.js";

/** One comment of the review, in the shape `pulls.createReview` takes. */
export interface InlineComment {
  readonly fingerprint: string;
  readonly path: string;
  readonly line: number;
  /** set for a suggestion spanning several lines */
  readonly startLine?: number;
  readonly body: string;
}

export interface InlinePlan {
  /** comments to post now */
  readonly comments: InlineComment[];
  /** findings already commented on an earlier run: not posted again */
  readonly alreadyPosted: Finding[];
  /** findings on lines the diff does not show: they go to the sticky comment */
  readonly outsideDiff: Finding[];
  /** findings past the cap on inline comments: listed in the sticky comment only */
  readonly overflow: Finding[];
}

/** A review is for reading: past this many inline comments per pull request, the table says the rest. */
export const MAX_INLINE_COMMENTS = 50;

const MARKER_PREFIX = "<!-- plumbline:finding:";
const MARKER = /<!-- plumbline:finding:([0-9a-zA-Z_-]+) -->/g;

/** The hidden marker that lets a later run recognise this finding's comment. */
export function findingMarker(fingerprint: string): string {
  return `${MARKER_PREFIX}${fingerprint} -->`;
}

/** Fingerprints named by the markers in existing review comments. */
export function postedFingerprints(bodies: Iterable<string | undefined>): Set<string> {
  const found = new Set<string>();
  for (const body of bodies) for (const match of body?.matchAll(MARKER) ?? []) if (match[1]) found.add(match[1]);
  return found;
}

/**
 * Decides which findings become inline comments: those on a line a hunk shows (GitHub rejects the
 * whole review for one line outside the diff), each at most once across runs, at most
 * MAX_INLINE_COMMENTS per pull request (errors first if the caller orders them so). A suggestion is only
 * attached when every line it replaces is in the same hunk; otherwise the comment goes without it.
 */
export function planInlineComments(
  findings: readonly Finding[],
  changed: ReadonlyMap<string, ChangedFile>,
  posted: ReadonlySet<string>,
  suggest: (finding: Finding) => Suggestion | undefined,
): InlinePlan {
  const comments: InlineComment[] = [];
  const alreadyPosted: Finding[] = [];
  const outsideDiff: Finding[] = [];
  const overflow: Finding[] = [];
  const room = Math.max(0, MAX_INLINE_COMMENTS - posted.size);
  const planned = new Set<string>();
  for (const finding of findings) {
    const hunks = changed.get(finding.file)?.hunks ?? [];
    if (!hunkAt(hunks, finding.line)) {
      outsideDiff.push(finding);
      continue;
    }
    if (posted.has(finding.fingerprint) || planned.has(finding.fingerprint)) {
      alreadyPosted.push(finding);
      continue;
    }
    if (comments.length >= room) {
      overflow.push(finding);
      continue;
    }
    planned.add(finding.fingerprint);
    const suggestion = suggest(finding);
    const usable = suggestion && inOneHunk(hunks, suggestion.startLine, suggestion.endLine) ? suggestion : undefined;
    const line = usable ? usable.endLine : finding.line;
    const startLine = usable && usable.startLine < usable.endLine ? usable.startLine : undefined;
    comments.push({
      fingerprint: finding.fingerprint,
      path: finding.file,
      line,
      ...(startLine !== undefined ? { startLine } : {}),
      body: commentBody(finding, usable),
    });
  }
  return { comments, alreadyPosted, outsideDiff, overflow };
}

/** Marker, severity, rule (linked to its documentation), message, and the suggested change. */
export function commentBody(finding: Finding, suggestion: Suggestion | undefined): string {
  const parts = [
    findingMarker(finding.fingerprint),
    `**${severityLabel(finding.severity)}** · ${encodedCodeLink(finding.rule, docsUrl(finding.rule))}`,
    "",
    escapeMarkdown(finding.message),
  ];
  if (suggestion) parts.push("", suggestionLabel(finding.fixApplicability), suggestionBlock(suggestion.lines));
  return parts.join("\n");
}

/** A ```suggestion block; the fence is longer than any backtick run in the replacement. */
export function suggestionBlock(lines: readonly string[]): string {
  const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = "`".repeat(longest + 1);
  return [`${fence}suggestion`, ...lines, fence].join("\n");
}
