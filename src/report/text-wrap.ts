/**
 * Word wrap for the terminal: lines of at most `width` characters, broken at spaces; a word longer
 * than a line (a path, an image reference) is cut rather than left to overflow.
 */
export function wrapWords(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    let rest = word;
    while (rest.length > 0) {
      const gap = line === "" ? "" : " ";
      if (line.length + gap.length + rest.length <= limit) {
        line += gap + rest;
        rest = "";
      } else if (line !== "") {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, limit));
        rest = rest.slice(limit);
      }
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}
