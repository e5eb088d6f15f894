import { Document, isScalar } from "yaml";
import type { Random } from "./prng.js";

type Obj = Record<string, unknown>;

/** Deliberate defects that only exist as text: the parser, not a rule, has to notice them. */
export type TextFlaw = "syntax-indent" | "syntax-tab" | "duplicate-key";

export interface RenderedDocument {
  readonly text: string;
  readonly flaw?: TextFlaw;
}

const INLINE_COMMENTS: [string[], string][] = [
  [["spec", "replicas"], " scaled by the HPA in production"],
  [["spec", "revisionHistoryLimit"], " keep rollbacks cheap"],
  [["spec", "schedule"], " UTC"],
  [["spec", "type"], " TODO: move behind the ingress"],
  [["metadata", "namespace"], " set by the pipeline"],
];

/**
 * One YAML document the way people write them: a comment above now and then, inline comments on a
 * few fields, sequences indented or not (kubectl and Helm differ), and rarely a defect.
 */
export function renderDocument(random: Random, object: Obj, indentSeq: boolean, heading?: string): RenderedDocument {
  // shared label objects must be written out each time, as kubectl does, not as YAML aliases
  const document = new Document(object, { aliasDuplicateObjects: false });
  for (const [path, comment] of INLINE_COMMENTS) {
    if (!random.chance(0.25)) continue;
    const node = document.getIn(path, true);
    if (isScalar(node)) node.comment = comment;
  }
  // written by hand rather than as commentBefore, which would add a blank line Helm does not write
  const text = (heading ? `#${heading}\n` : "") + document.toString({ indentSeq, lineWidth: 0 });
  return injectFlaw(random, text);
}

function injectFlaw(random: Random, text: string): RenderedDocument {
  const roll = random.next();
  if (roll < 0.008) {
    // a key one column off: "All mapping items must start at the same column"
    const at = text.indexOf("\n  name: ");
    if (at !== -1) return { text: `${text.slice(0, at)}\n badly: indented${text.slice(at)}`, flaw: "syntax-indent" };
  } else if (roll < 0.011) {
    const at = text.indexOf("\n  ");
    if (at !== -1) return { text: `${text.slice(0, at + 1)}\t${text.slice(at + 3)}`, flaw: "syntax-tab" };
  } else if (roll < 0.021) {
    // the same key twice in one mapping: kubectl keeps the last one silently
    const match = /\n( {2}name: [^\n]*)\n/.exec(text);
    if (match) {
      const end = match.index + match[0].length;
      return { text: `${text.slice(0, end)}${match[1]}-copy\n${text.slice(end)}`, flaw: "duplicate-key" };
    }
  }
  return { text };
}

/** A stream of documents separated the way tools write them; the first `---` is optional. */
export function joinDocuments(random: Random, documents: readonly string[], header?: string): string {
  const lead = header
    ? `${header
        .split("\n")
        .map((line) => `# ${line}`.trimEnd())
        .join("\n")}\n`
    : "";
  const start = random.chance(0.5) ? "---\n" : "";
  return lead + start + documents.join("---\n");
}
