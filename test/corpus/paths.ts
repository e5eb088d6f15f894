import { peerCorpora } from "../support/shared.js";

export { repoRoot } from "../support/shared.js";

/** The shared peer corpora live beside the repository, never inside it. */
export function corpusRoot(): string {
  // `npm run corpus` and the agreement test stop here, with one line, when the corpora are absent
  if (!peerCorpora.present) throw new Error(`the agreement report reads ${peerCorpora.missing}`);
  return peerCorpora.dir;
}
