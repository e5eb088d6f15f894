/** The one way Plumbline edits YAML: JSON Patch applied to the text, everything else kept as written. */
export {
  applyPatchesToYaml,
  applyPatchToYaml,
  type DocumentPatch,
  type EditOptions,
  type EditResult,
  type EditTarget,
} from "./apply-patch.js";
export { EditError, type EditErrorCode } from "./errors.js";
export type { LineChange } from "./line-diff.js";
export { type Suggestion, suggestionFor, suggestionFromResult, suggestionLabel } from "./suggestion.js";
export { type LinkPolicy, UnsafeWriteError, type WriteOptions, type WriteOutcome, writeFileAtomic } from "./write-file.js";
