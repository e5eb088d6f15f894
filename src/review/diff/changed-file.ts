import type { Hunk } from "./hunks.js";

/** A file the change touches, with the lines a review comment may land on. */
export interface ChangedFile {
  readonly path: string;
  readonly status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  readonly previousPath?: string;
  /** empty when the forge sends no patch (binary or too large): nothing can be commented inline */
  readonly hunks: readonly Hunk[];
}
