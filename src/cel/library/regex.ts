import { CelScalar, celMethod, listType } from "@bufbuild/cel";
import { RE2JS } from "re2js";

/**
 * Regular expressions are RE2 (linear time: a policy's pattern cannot make the check hang), compiled
 * once per pattern. The Kubernetes regex library adds find and findAll to CEL's matches.
 */
const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 512;

export function compileRegex(pattern: string): RE2JS {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = RE2JS.compile(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** CEL's `matches` is a search (true when the pattern matches anywhere), not a whole-string match. */
export const RE2_ENGINE = { compile: (pattern: string) => ({ test: (text: string) => compileRegex(pattern).test(text) }) };

const { STRING, INT } = CelScalar;

function findAll(text: string, pattern: string, limit: bigint): string[] {
  const matcher = compileRegex(pattern).matcher(text);
  const found: string[] = [];
  while ((limit < 0n || BigInt(found.length) < limit) && matcher.find()) found.push(matcher.group() ?? "");
  return found;
}

export const REGEX_FUNCS = [
  celMethod("find", STRING, [STRING], STRING, function (pattern) {
    const matcher = compileRegex(pattern).matcher(this);
    return matcher.find() ? (matcher.group() ?? "") : "";
  }),
  celMethod("findAll", STRING, [STRING], listType(STRING), function (pattern) {
    return findAll(this, pattern, -1n);
  }),
  celMethod("findAll", STRING, [STRING, INT], listType(STRING), function (pattern, limit) {
    return findAll(this, pattern, limit);
  }),
];
