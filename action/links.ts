import type { ReviewLinks } from "../src/review/index.js";
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

/** GitHub's addresses for the forge-neutral review. */
export function gitHubLinks(links: RepositoryLinks, runUrl: string | undefined): ReviewLinks {
  return { file: (sha, file, line) => blobUrl(links, sha, file, line), run: runUrl };
}
