import { type Suggestion, suggestionLabel } from "../../edit/index.js";
import type { Finding } from "../../findings/finding.js";
import { plural } from "../../plural.js";
import { codeSpan, escapeMarkdown, severityLabel } from "../../report/markdown.js";
import { docsUrl } from "../../rules/docs-url.js";
import { encodedCodeLink } from "../summary/links.js";
import { findingMarker } from "./markers.js";

/**
 * One inline comment: for each finding it speaks for, its marker, severity, rule (linked to its
 * documentation) and message; then the one suggested change that fixes them all.
 */
export function commentBody(findings: readonly Finding[], suggestion: Suggestion | undefined): string {
  const parts: string[] = [];
  for (const [index, finding] of findings.entries()) {
    if (index > 0) parts.push("");
    parts.push(
      findingMarker(finding.fingerprint),
      `**${severityLabel(finding.severity)}** · ${encodedCodeLink(finding.rule, docsUrl(finding.rule))}`,
      "",
      escapeMarkdown(finding.message),
    );
  }
  if (suggestion) parts.push("", suggestionHeading(findings), suggestionBlock(suggestion.lines));
  return parts.join("\n");
}

/**
 * Which kind of fix the suggestion is. One that merges several fixes is safe only if each is, and
 * names the unsafe ones: a fix that says nothing of itself counts as unsafe, as `--fix` takes it.
 */
export function suggestionHeading(findings: readonly Finding[]): string {
  const unsafe = findings.filter((finding) => finding.fixApplicability !== "safe");
  if (findings.length <= 1) return suggestionLabel(unsafe.length === 0 ? "safe" : "unsafe");
  const merged = `One change for the ${plural(findings.length, "fix", "fixes")} above`;
  if (unsafe.length === 0) return `${merged}. ${suggestionLabel("safe")}`;
  const rules = [...new Set(unsafe.map((finding) => codeSpan(finding.rule)))];
  const which = rules.length === 1 ? `the one for ${rules[0]} is` : `those for ${rules.join(", ")} are`;
  return `${merged}; ${which} unsafe. ${suggestionLabel("unsafe")}`;
}

/** A ```suggestion block; the fence is longer than any backtick run in the replacement. */
export function suggestionBlock(lines: readonly string[]): string {
  const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = "`".repeat(longest + 1);
  return [`${fence}suggestion`, ...lines, fence].join("\n");
}
