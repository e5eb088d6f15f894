/**
 * Bounds on what one file may cost. Every file is read in time linear in its size; these keep the
 * constant small on input built to be expensive (a pull request is attacker-controlled). A file over
 * a bound is reported as skipped (`file-skipped`), never a crash or a hang.
 */

/** YAML documents per file: large bundles of CRDs hold a few hundred. */
export const MAX_DOCUMENTS_PER_FILE = 10_000;

/**
 * YAML tokens (values, indicators, spaces, line breaks) per document. The parser's trees take a few
 * hundred bytes a token, so this keeps one document under about 200 MB; a 12,000-line CRD has
 * around 100,000.
 */
export const MAX_TOKENS_PER_DOCUMENT = 500_000;

/** Values per document once aliases are expanded: the largest real CRDs hold around 100,000. */
export const MAX_NODES_PER_DOCUMENT = 1_000_000;

/** Syntax problems listed per file; the rest are counted in one more problem. */
export const MAX_PROBLEMS_PER_FILE = 50;

/** The bounds a caller may widen: a cluster snapshot the user wrote is one large `kind: List`. */
export interface FileLimits {
  readonly documents: number;
  readonly tokensPerDocument: number;
}

export const DEFAULT_LIMITS: FileLimits = { documents: MAX_DOCUMENTS_PER_FILE, tokensPerDocument: MAX_TOKENS_PER_DOCUMENT };
