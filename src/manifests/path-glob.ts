import path from "node:path";
import picomatch from "picomatch";
import { RE2JS } from "re2js";

/**
 * Path globs from the repository's configuration (`ignore:`), matched in linear time. picomatch
 * compiles a glob to a backtracking JavaScript regex: `*a*a*a…b` against a long path ran for minutes.
 * Its regex is run on RE2 instead, without the lookaheads RE2 lacks: they only keep `*` from matching
 * an empty name or a `.`/`..` segment, which relative file paths never have.
 */
export function pathGlobMatcher(globs: readonly string[]): (file: string) => boolean {
  const compiled = globs.map((glob) => RE2JS.compile(withoutLookarounds(picomatch.makeRe(glob, { dot: true }).source)));
  return (file) => compiled.some((pattern) => pattern.matches(file));
}

/**
 * The loader's `isIgnored` for the configuration's `ignore:` globs, which are relative to the
 * repository root; a glob naming a directory (`vendor/**`, `vendor/`) ignores what is under it.
 */
export function ignoreMatcher(globs: readonly string[], root: string, cwd: string): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = pathGlobMatcher(globs);
  return (file) => {
    const relative = path.relative(root, path.resolve(cwd, file)).split(path.sep).join("/");
    return matches(relative) || matches(`${relative}/`);
  };
}

/** picomatch's lookaheads are all of the form `(?=…)` / `(?!…)` with no nested group of their own kind. */
function withoutLookarounds(source: string): string {
  let result = "";
  for (let at = 0; at < source.length; at++) {
    if (source[at] === "\\") {
      result += source.slice(at, at + 2);
      at++;
      continue;
    }
    if (source.startsWith("(?=", at) || source.startsWith("(?!", at)) {
      let depth = 0;
      for (; at < source.length; at++) {
        if (source[at] === "\\") at++;
        else if (source[at] === "(") depth++;
        else if (source[at] === ")" && --depth === 0) break;
      }
      continue;
    }
    result += source[at];
  }
  return result;
}
