/**
 * Globs of the operator's cluster grants: `*` stands for any run of characters within one part
 * (`octo-org/shop-*`, `team-a-*`), everything else is literal. Matched without backtracking: the
 * parts between stars are found left to right, each at its first place, which is exact for
 * star-only patterns, so no pattern can make a match take more than O(pattern × text).
 */

export function globMatch(pattern: string, text: string): boolean {
  const patternParts = pattern.split("/");
  const textParts = text.split("/");
  if (patternParts.length !== textParts.length) return false;
  return patternParts.every((part, index) => matchPart(part, textParts[index] ?? ""));
}

function matchPart(pattern: string, text: string): boolean {
  const pieces = pattern.split("*");
  if (pieces.length === 1) return pattern === text;
  const first = pieces[0] ?? "";
  const last = pieces[pieces.length - 1] ?? "";
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === "") continue;
    const found = text.indexOf(piece, position);
    if (found === -1 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}
