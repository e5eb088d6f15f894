import { codeSpan } from "../src/report/markdown-escape.js";
import type { Repository } from "./environment.js";

export interface RepositoryLinks {
  readonly serverUrl: string;
  readonly repository: Repository;
}

/** `https://github.com/o/r/blob/<sha>/a%20b.yaml#L12`: every path segment encoded, the fragment ours. */
export function blobUrl(links: RepositoryLinks, sha: string, file: string, line?: number): string {
  const { owner, repo } = links.repository;
  const encoded = file
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .map(encodeURIComponent)
    .join("/");
  const base = `${links.serverUrl}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/blob/${sha}/${encoded}`;
  return line && line > 0 ? `${base}#L${line}` : base;
}

/** A Markdown link whose text is a code span and whose URL is already encoded (parentheses included). */
export function encodedCodeLink(text: string, url: string): string {
  return `[${codeSpan(text)}](${url.replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
