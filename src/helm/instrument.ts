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

/** Cuts the markers out of helm's output and keeps, for each line, the first one it carried. */
export function stripMarkers(output: string, nonce: string): StrippedOutput {
  const pattern = new RegExp(` #plm${nonce}:(\\d+);`, "g");
  const lines: (number | undefined)[] = [];
  const text = output
    .split("\n")
    .map((line) => {
      let first: number | undefined;
      const stripped = line.replace(pattern, (_match, number: string) => {
        first ??= Number(number);
        return "";
      });
      lines.push(first);
      return stripped;
    })
    .join("\n");
  return { text, lines };
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
