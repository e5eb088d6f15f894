import type { PeerName } from "./corpus.js";
import type { Case } from "./judgement.js";

/** A reviewed disagreement: on purpose (`deliberate`), or a Plumbline bug already reported (`bug`). */
export interface AcceptedDifference {
  readonly peer: PeerName;
  /** the label's file, relative to the peer's corpus folder */
  readonly file: string;
  /** the label's check, as LABELS.json spells it */
  readonly check: string;
  /** the label's settings as the report prints them, when one file and check are labelled under several */
  readonly variant?: string;
  /** `Kind/name` when the label is judged per object; absent covers every case of the label */
  readonly object?: string;
  readonly verdict: "deliberate" | "bug";
  /** why Plumbline differs on purpose, or what the rule gets wrong and should do instead */
  readonly reason: string;
}

export interface CaseAt {
  readonly peer: PeerName;
  readonly file: string;
  readonly check: string;
  readonly variant: string;
  readonly case: Case;
}

export function covers(difference: AcceptedDifference, at: CaseAt): boolean {
  return (
    difference.peer === at.peer &&
    difference.file === at.file &&
    difference.check === at.check &&
    (difference.variant === undefined || difference.variant === at.variant) &&
    (difference.object === undefined || difference.object === at.case.objectKey)
  );
}

export function describeDifference(difference: AcceptedDifference): string {
  const variant = difference.variant ? ` [${difference.variant}]` : "";
  const object = difference.object ? ` ${difference.object}` : "";
  return `${difference.peer} ${difference.file} ${difference.check}${variant}${object}`;
}
