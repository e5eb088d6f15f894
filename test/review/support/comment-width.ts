/**
 * How wide a Markdown table must be at least, as GitHub renders it: its tables take their
 * max-content width up to the comment's, and scroll sideways only when a column's longest
 * unbreakable run does not fit. So the narrowest a table can get is, per column, the widest
 * unbreakable run of its cells (plus padding), summed. Measured with GitHub's stylesheet in mind:
 * 14 px text, 11.9 px monospace code, 6 px 13 px cell padding; a character is taken as 8 px, which
 * is wider than GitHub's average for either face, and an emoji as 20 px.
 */

const CHARACTER_PX = 8;
const EMOJI_PX = 20;
const CELL_PADDING_PX = 26 + 1;

/** GitHub's comment column on a pull request at its usual desktop layout. */
export const COMMENT_WIDTH_PX = 820;

export function tableMinWidth(table: string): number {
  const rows = table
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|(\s*:?-+:?\s*\|)+$/.test(line))
    .map(cells);
  const columns = Math.max(0, ...rows.map((row) => row.length));
  let width = 0;
  for (let column = 0; column < columns; column++) {
    width += Math.max(...rows.map((row) => longestRun(row[column] ?? ""))) + CELL_PADDING_PX;
  }
  return width;
}

/** Every table of a comment: runs of lines that start with `|`. */
export function tables(markdown: string): string[] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) current = undefined;
    else if (current) current.push(line);
    else {
      current = [line];
      found.push(current);
    }
  }
  return found.map((lines) => lines.join("\n"));
}

function cells(row: string): string[] {
  return row
    .replaceAll("\\|", "\u0000")
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.replaceAll("\u0000", "|").trim());
}

/** The widest unbreakable run of a cell's rendered text, in px. */
function longestRun(cell: string): number {
  const text = cell
    // a link shows its text
    .replace(/\[((?:[^\]\\]|\\.)*)\]\([^)]*\)/g, "$1")
    .replace(/<br>|<wbr>/g, " ")
    .replace(/\\(.)/g, "$1")
    .replace(/&[a-z]+;/g, "x")
    .replace(/\u200b/g, " ");
  const runs: string[] = [];
  // code spans break only at spaces; other text also after a hyphen
  for (const part of text.split(/(`+[^`]*`+)/)) {
    if (part.startsWith("`")) runs.push(...part.replace(/^`+|`+$/g, "").split(" "));
    else runs.push(...part.split(/\s+|(?<=-)/));
  }
  return Math.max(0, ...runs.map(runWidth));
}

function runWidth(run: string): number {
  let width = 0;
  for (const char of run) width += /\p{Extended_Pictographic}/u.test(char) ? EMOJI_PX : CHARACTER_PX;
  return width;
}
