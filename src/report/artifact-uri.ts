import path from "node:path";
import { pathToFileURL } from "node:url";
import { STDIN_NAME } from "../manifests/load.js";

/**
 * A displayed file path as a relative URI reference: forward slashes, no `./`, every segment
 * percent-encoded (so `#`, `?`, spaces or a `:` in the first segment cannot change its meaning).
 * Absolute paths become `file:` URIs.
 */
export function artifactUri(file: string): string {
  if (file === STDIN_NAME) return encodeSegments([file]);
  if (path.isAbsolute(file) || path.win32.isAbsolute(file)) return pathToFileURL(file).href;
  return encodeSegments(file.split(/[\\/]+/));
}

/**
 * The URI of a file relative to the repository root, whatever directory the command ran in:
 * GitHub resolves SARIF locations against the checkout, not against the caller's cwd.
 * Files outside the repository keep an absolute `file:` URI rather than a misleading `../`.
 */
export function repositoryUri(file: string, where: { readonly cwd: string; readonly root: string }): string {
  if (file === STDIN_NAME) return artifactUri(file);
  const absolute = path.resolve(where.cwd, file);
  const relative = path.relative(where.root, absolute);
  const outside = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (relative === "" || outside) return pathToFileURL(absolute).href;
  return encodeSegments(relative.split(path.sep));
}

function encodeSegments(segments: readonly string[]): string {
  return (
    segments
      .filter((segment) => segment !== "" && segment !== ".")
      // a lone surrogate would make encodeURIComponent throw; U+FFFD is what the file system shows too
      .map((segment) => encodeURIComponent(segment.toWellFormed()))
      .join("/")
  );
}
