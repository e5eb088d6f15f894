/**
 * Line markers: how a rendered line is traced back to the template line that wrote it. Before rendering,
 * each line of a template gets a YAML comment naming its line number (` #plm<nonce>:12;`). Go templates
 * copy text verbatim, so the marker comes out at the end of whatever that line produced; YAML (and
 * helm's own parse of the output) reads it as a comment. After rendering, the markers are cut out
 * again, leaving helm's output exactly as it is without them, plus a line → template line table.
 *
 * Lines an action wrote (an `include`, a `toYaml`) carry no marker of their own: the action's line ends
 * after them, so they belong to the next marker below.
 */

/** The marker's text for one line; `nonce` keeps a chart's own text from ever looking like one. */
export function marker(nonce: string, line: number): string {
  return ` #plm${nonce}:${line};`;
}

/**
 * The template with a marker at the end of every line that ends in plain text. Left unmarked: lines
 * that end inside an action (a multi-line action or template comment), lines whose last action trims what
 * follows (`-}}` would eat the space that makes `#` a comment), blank lines and `---` (a marker there
 * could end a block scalar or a document early), and everything inside `define`, whose text other
 * templates include and may hash or parse.
 */
export function instrumentTemplate(text: string, nonce: string): string {
  const lines = text.split("\n");
  const blocks: string[] = [];
  let inAction = false;
  const out = lines.map((line, index) => {
    let position = 0;
    let lastTrims = false;
    while (position < line.length) {
      if (inAction) {
        const close = line.indexOf("}}", position);
        if (close < 0) {
          position = line.length;
          break;
        }
        lastTrims = line[close - 1] === "-" && line[close - 2] === " ";
        inAction = false;
        position = close + 2;
      } else {
        const open = line.indexOf("{{", position);
        if (open < 0) break;
        const close = line.indexOf("}}", open + 2);
        const body = line.slice(open + 2, close < 0 ? undefined : close);
        track(body, blocks);
        if (close < 0) {
          inAction = true;
          position = line.length;
          break;
        }
        lastTrims = line[close - 1] === "-" && line[close - 2] === " ";
        position = close + 2;
      }
    }
    const tail = line.slice(lastIndexOfClose(line) + 2);
    const endsInTrim = lastTrims && tail.trim() === "";
    const skip = inAction || endsInTrim || line.trim() === "" || line.trim() === "---" || blocks.includes("define");
    return skip ? line : `${line}${marker(nonce, index + 1)}`;
  });
  return out.join("\n");
}

function lastIndexOfClose(line: string): number {
  const at = line.lastIndexOf("}}");
  return at < 0 ? -2 : at;
}

const OPENS = /^-?\s*(if|range|with|define|block)\b/;
const ENDS = /^-?\s*end\b/;

/** Keeps the stack of open control blocks, to know when text is inside a `define`. */
function track(body: string, blocks: string[]): void {
  const opens = OPENS.exec(body);
  if (opens) blocks.push(opens[1] as string);
  else if (ENDS.test(body)) blocks.pop();
}

export interface StrippedOutput {
  /** helm's output without the markers */
  readonly text: string;
  /** per output line (0-based), the template line its own marker names, if it has one */
  readonly lines: (number | undefined)[];
}

/**
 * Cuts the markers out of helm's output and keeps, for each line, the first one it carried. helm trims
 * each manifest, so a line that held only markers at a manifest's start or end is not in the plain
 * output at all (its space went with the trim): such lines are dropped, line for line as helm renders.
 */
export function stripMarkers(output: string, nonce: string): StrippedOutput {
  const pattern = new RegExp(` ?#plm${nonce}:(\\d+);`, "g");
  const rows = output.split("\n").map((line) => {
    let first: number | undefined;
    const stripped = line.replace(pattern, (_match, number: string) => {
      first ??= Number(number);
      return "";
    });
    return { stripped, first, markerOnly: first !== undefined && stripped.trim() === "" };
  });
  const keep = rows.map(() => true);
  const boundary = (line: string | undefined) => line === undefined || line === "---" || line.startsWith("# Source: ");
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i]?.markerOnly) continue;
    let before = i - 1;
    while (before >= 0 && rows[before]?.markerOnly) before--;
    let after = i + 1;
    while (after < rows.length && rows[after]?.markerOnly) after++;
    const atStart = boundary(rows[before]?.stripped) && before >= 0 && rows[before]?.stripped.startsWith("# Source: ");
    const atEnd = after >= rows.length || rows[after]?.stripped === "---";
    if (atStart || atEnd) keep[i] = false;
  }
  const kept = rows.filter((_row, index) => keep[index]);
  return { text: kept.map((row) => row.stripped).join("\n"), lines: kept.map((row) => row.first) };
}

/** The template line behind an output line: its own marker, else the next one below (an action's output). */
export function templateLine(
  lines: readonly (number | undefined)[],
  outputLine: number,
  until = lines.length,
): number | undefined {
  for (let index = outputLine; index < until; index++) {
    const found = lines[index];
    if (found !== undefined) return found;
  }
  return undefined;
}
