import { codeSpan } from "../../report/markdown-escape.js";

/**
 * The forge's addresses, given by the door: GitHub's blob URLs differ from GitLab's, and the review
 * itself never builds one.
 */
export interface ReviewLinks {
  /** the file at a revision, at a line when given, every path segment already encoded */
  file(sha: string, file: string, line?: number): string;
  /** the run that produced the review (a workflow run, a pipeline), if there is one */
  readonly run: string | undefined;
}

/** A Markdown link whose text is a code span and whose URL is already encoded (parentheses included). */
export function encodedCodeLink(text: string, url: string): string {
  return `[${codeSpan(text)}](${encodeParentheses(url)})`;
}

/** GFM ends a link's URL at an unbalanced parenthesis: encode them. */
export function encodeParentheses(url: string): string {
  return url.replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
