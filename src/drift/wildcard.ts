/**
 * `*` wildcards (`web-*`, `*-db-*`) matched without a regular expression. A glob such as `*a*a*a…b`
 * made the backtracking regex it used to compile to run for minutes; taking each literal piece at its
 * leftmost place is enough when `*` is the only wildcard, and takes time linear in the value for each
 * piece.
 */
export function wildcardMatcher(pattern: string): (value: string) => boolean {
  const pieces = pattern.split("*");
  if (pieces.length === 1) return (value) => value === pattern;
  const first = pieces[0] as string;
  const last = pieces.at(-1) as string;
  const middle = pieces.slice(1, -1).filter((piece) => piece !== "");
  return (value) => {
    if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
    let at = first.length;
    const end = value.length - last.length;
    for (const piece of middle) {
      const found = value.indexOf(piece, at);
      if (found === -1 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}
