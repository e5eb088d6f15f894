/**
 * Escaping for text that did not come from us (file names, image names, messages quoting the
 * manifest) and lands in Markdown that GitHub renders: PR comments, job summaries, the CLI report.
 * Everything here is safe inside a GFM table cell.
 */

/** Controls and bidirectional overrides: they can break a table row or make text lie about itself. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const NEWLINE = /\r\n|\r|\n/g;
const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Plain text as inline Markdown: literal everywhere, one table cell, no HTML, no links, no
 * emphasis. `@user` and `#123` get a zero-width space after the sign, because GitHub turns them
 * into mentions and cross-references after rendering, which no Markdown escape can prevent; so do
 * `://` and `www.`, which GFM's autolink extension would otherwise turn into links.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(INVISIBLE, " ")
      .replaceAll("\t", " ")
      .replace(/[&<>]/g, (char) => (char === "&" ? "&amp;" : char === "<" ? "&lt;" : "&gt;"))
      // `$` too: GitHub renders $…$ as math
      .replace(/[\\`*_[\]|~#!$]/g, "\\$&")
      .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
      .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
      // GFM links bare `scheme://…` and `www.…` on its own: a manifest's URL must not become a link
      .replaceAll("://", `:${ZERO_WIDTH_SPACE}//`)
      .replace(/(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`)
      .replace(NEWLINE, "<br>")
  );
}

/**
 * Text shown verbatim in a code span inside a table cell. Backslashes are literal in code, so only
 * the pipe needs GFM's table escape; the fence is longer than any run of backticks inside.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(NEWLINE, " ").replace(INVISIBLE, " ").replaceAll("|", "\\|");
  if (flat === "") return "";
  // reduce, not Math.max(...runs): a hostile message could hold more runs than a call has arguments
  const longestRun = (flat.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = "`".repeat(longestRun + 1);
  // CommonMark strips one space from each end of a span that has one at both and is not all spaces
  const stripped = flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "";
  const pad = flat.startsWith("`") || flat.endsWith("`") || stripped ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A link whose text is a code span; the URL is ours, never the manifest's. */
export function codeLink(text: string, url: string): string {
  return `[${codeSpan(text)}](${encodeURI(url).replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}
