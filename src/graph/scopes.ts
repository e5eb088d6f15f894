/**
 * The scope in which links between objects are judged (docs/scopes.md): the set of objects that are
 * applied together, so that a Service is matched against the Deployments it ships with and not against
 * those of an unrelated sample three folders away.
 *
 * - One Kustomize build is one scope: it is one apply, and two overlays never see each other.
 * - Plain files are applied per directory tree (`kubectl apply -R -f DIR`, a GitOps path): a file sees
 *   the files of its own directory, of the directories below it and of the directories above it, never
 *   those of a sibling folder. The configuration can join a whole tree into one scope (`scopes:`).
 */
import path from "node:path";
import { FILES_SCOPE } from "../manifests/load.js";
import { pathGlobMatcher } from "../manifests/path-glob.js";
import type { Resource } from "../manifests/resource.js";

/** The loader's scope for plain files and stdin; Kustomize renderings have `kustomize:<dir>`. */
export function isPlainScope(scope: string): boolean {
  return scope === FILES_SCOPE;
}

/**
 * Maps a directory (as displayed, `/`-separated) to the root of the configured tree that holds it, when
 * the configuration says the whole tree is applied together.
 */
export type TreeOf = (dir: string) => string | undefined;

/** The directory a plain resource is applied from, or the configured tree it belongs to. */
export function plainDirOf(resource: Resource, treeOf?: TreeOf): string {
  const dir = toSlashes(path.dirname(resource.source.file));
  return treeOf?.(dir) ?? dir;
}

function toSlashes(dir: string): string {
  return path.sep === "/" ? dir : dir.split(path.sep).join("/");
}

/**
 * Groups plain resources by directory and answers, for one directory, the resources of its lineage:
 * its own, those below it and those above it, in input order.
 */
export function lineages(resources: readonly Resource[], dirOf: (resource: Resource) => string) {
  const byDir = Map.groupBy(resources, dirOf);
  const dirs = [...byDir.keys()].sort();
  const order = new Map(resources.map((resource, index) => [resource, index]));
  return (dir: string): Resource[] => {
    if (dir === ".") return [...resources];
    const related = new Set<string>([dir, "."]);
    const prefix = dir.endsWith("/") ? dir : `${dir}/`;
    for (let i = lowerBound(dirs, prefix); i < dirs.length && (dirs[i] as string).startsWith(prefix); i++) {
      related.add(dirs[i] as string);
    }
    for (let above = path.posix.dirname(dir); !related.has(above); above = path.posix.dirname(above)) related.add(above);
    return [...related].flatMap((d) => byDir.get(d) ?? []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  };
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The configuration's `scopes:`: globs of directories, relative to the repository root, each of which is
 * one tree applied together. A directory belongs to the outermost matching directory above it (or
 * itself); `.` makes the whole repository one scope.
 */
export function configuredTrees(globs: readonly string[], root: string, cwd: string): TreeOf | undefined {
  if (globs.length === 0) return undefined;
  // a repository's configuration is untrusted: globs are matched in linear time
  const matches = pathGlobMatcher(globs.map((glob) => glob.replace(/\/+$/, "") || "."));
  const memo = new Map<string, string | undefined>();
  return (dir) => {
    if (memo.has(dir)) return memo.get(dir);
    const relative = toSlashes(path.relative(root, path.resolve(cwd, dir)));
    let tree: string | undefined;
    if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
      const parts = relative === "" ? [] : relative.split("/");
      for (let depth = 0; depth <= parts.length && tree === undefined; depth++) {
        const candidate = depth === 0 ? "." : parts.slice(0, depth).join("/");
        if (matches(candidate)) tree = toSlashes(path.relative(cwd, path.join(root, candidate))) || ".";
      }
    }
    memo.set(dir, tree);
    return tree;
  };
}
