import { isMap, isSeq, type Node, visit } from "yaml";
import { type BlockStyle, DEFAULT_STYLE } from "./render-value.js";
import { columnAt } from "./text-lines.js";

/**
 * Reads how a document indents nested blocks, from the first example of each; a document without
 * an example gets the common style (2 spaces, sequences indented under their key).
 */
export function detectStyle(text: string, root: Node): BlockStyle {
  let step: number | undefined;
  let seqIndent: number | undefined;
  let itemOffset: number | undefined;
  visit(root, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range || !(isMap(value) || isSeq(value)) || value.flow) return;
      const difference = columnAt(text, value.range[0]) - columnAt(text, key.range[0]);
      if (isMap(value) && step === undefined && difference > 0) step = difference;
      if (isSeq(value) && seqIndent === undefined && difference >= 0) seqIndent = difference;
    },
    Seq(_, seq) {
      if (seq.flow || itemOffset !== undefined || !seq.range) return;
      const item = seq.items.find((candidate) => isMap(candidate) && !candidate.flow) as Node | undefined;
      const dashColumn = columnAt(text, seq.range[0]);
      if (item?.range) {
        const difference = columnAt(text, item.range[0]) - dashColumn;
        if (difference > 0) itemOffset = difference;
      }
    },
  });
  const found = { step: step ?? DEFAULT_STYLE.step, itemOffset: itemOffset ?? DEFAULT_STYLE.itemOffset };
  return { ...found, seqIndent: seqIndent ?? found.step };
}
