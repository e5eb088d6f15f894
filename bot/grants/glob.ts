import { wildcardMatcher } from "../../src/drift/wildcard.js";

/**
 * Globs of the operator's cluster grants: `*` stands for any run of characters within one part
 * (`octo-org/shop-*`, `team-a-*`), everything else is literal. Each part is matched by the core's
 * wildcard matcher, which never backtracks, so no pattern can make a match take more than
 * O(pattern × text).
 */
export function globMatch(pattern: string, text: string): boolean {
  const patternParts = pattern.split("/");
  const textParts = text.split("/");
  if (patternParts.length !== textParts.length) return false;
  return patternParts.every((part, index) => wildcardMatcher(part)(textParts[index] ?? ""));
}
