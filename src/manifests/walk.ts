import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { hasManifestExtension } from "./detect.js";

/** Directories no manifest lives in. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

export interface WalkedTree {
  /** files under the root, relative to it, sorted */
  readonly files: string[];
  /** links that were not followed, relative to the root, with why */
  readonly skipped: { readonly relative: string; readonly reason: string }[];
}

/**
 * Every file under `root`, never leaving it. A pull request can add symbolic links: one to a file
 * outside the repository must not be read (and quoted in a comment), one to `/` must not walk the
 * filesystem. A link is followed only when it resolves to a file inside the root; links to
 * directories are not followed (a directory inside the root is walked anyway), and a loop or a
 * dangling link is skipped. Each skipped link is reported, never silently dropped.
 */
export async function walkTree(root: string): Promise<WalkedTree> {
  const realRoot = await realpath(root);
  const files: string[] = [];
  const linked = new Map<string, string>(); // link → the real file it leads to
  const skipped: { relative: string; reason: string }[] = [];
  const pending = [""];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = dir === "" ? entry.name : path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(relative);
      } else if (entry.isFile()) files.push(relative);
      else if (entry.isSymbolicLink()) {
        const followed = await followLink(path.join(root, relative), realRoot);
        if (typeof followed === "object") linked.set(relative, followed.target);
        else if (followed !== "") skipped.push({ relative, reason: followed });
      }
    }
  }
  // a link to a manifest the walk reads anyway would only read it twice
  const walked = new Set(files.filter(hasManifestExtension).map((file) => path.join(realRoot, file)));
  for (const [link, target] of linked) if (!walked.has(target)) files.push(link);
  return { files: files.sort(), skipped: skipped.sort((a, b) => a.relative.localeCompare(b.relative)) };
}

/** The file a link leads to, or why it is not followed ("" for a directory inside the root: walked anyway). */
async function followLink(link: string, realRoot: string): Promise<{ target: string } | string> {
  let target: string;
  try {
    target = await realpath(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ELOOP" ? "a symbolic link loop" : "a symbolic link to nothing";
  }
  // the target is not named: it lies outside what was checked, and may be private
  if (!isInside(target, realRoot)) return "a symbolic link that leads outside the checked directory";
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) return "";
  return info?.isFile() ? { target } : "a symbolic link to something that is not a file";
}

export function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
