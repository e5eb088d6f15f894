/** Why the edit engine refused a patch. It never returns a half-edited text instead. */
export type EditErrorCode =
  /** the patch itself is malformed or does not apply to the document (RFC 6902 rules) */
  | "invalid-patch"
  /** a `test` operation did not hold */
  | "test-failed"
  /** the file has no document (or List item) at the target index */
  | "no-such-target"
  /** the target document does not parse cleanly, so editing it would guess */
  | "invalid-yaml"
  /** valid patch, but the YAML is shaped in a way the engine does not edit (aliases, merge keys, complex keys) */
  | "unsupported"
  /** the edited text would not read back as the patched object; nothing is changed */
  | "verification-failed";

export interface EditErrorDetails {
  /** index of the operation in its patch */
  readonly opIndex?: number;
  /** index of the patch, for several patches applied in one go */
  readonly patchIndex?: number;
  /** JSON pointer the problem is about */
  readonly path?: string;
}

export class EditError extends Error {
  override readonly name = "EditError";
  readonly code: EditErrorCode;
  readonly opIndex?: number;
  readonly patchIndex?: number;
  readonly path?: string;

  constructor(code: EditErrorCode, message: string, details: EditErrorDetails = {}) {
    super(message);
    this.code = code;
    if (details.opIndex !== undefined) this.opIndex = details.opIndex;
    if (details.patchIndex !== undefined) this.patchIndex = details.patchIndex;
    if (details.path !== undefined) this.path = details.path;
  }
}
