/**
 * GitHub's size limits on what the doors send, and the one way text is cut to fit them. Text from a
 * pull request (a finding's message quotes the manifest) can be any length; one string over a limit
 * makes GitHub refuse the whole request (422), and the report with it.
 *
 * Sources: the request descriptions in @octokit/openapi (api.github.com) for the Checks API; the
 * 422 "Body is too long (maximum is 65536 characters)" for comments and reviews; the job summary's
 * documented 1 MiB per step.
 */

/**
 * checks.create/update `output.annotations[].message`: "The maximum size is 64 KB." Read as 64,000
 * bytes, the smaller of the two readings: the description says neither which KB nor what it counts.
 */
export const ANNOTATION_MESSAGE_BYTES = 64_000;
/** `output.annotations[].title`: "The maximum size is 255 characters." */
export const ANNOTATION_TITLE_CHARACTERS = 255;
/** `output.annotations[].raw_details`: "The maximum size is 64 KB." (64,000 bytes, as for the message) */
export const ANNOTATION_RAW_DETAILS_BYTES = 64_000;
/** `output.annotations`: `maxItems: 50` per request; the rest go in updates. */
export const ANNOTATIONS_PER_REQUEST = 50;
/**
 * `output.title`: no documented limit. A title is one line on the pull request's checks list, so it
 * is cut here rather than let a long cluster name or count phrase make it a paragraph.
 */
export const CHECK_RUN_TITLE_CHARACTERS = 250;
/** `output.summary` and `output.text`: `maxLength: 65535`. */
export const CHECK_RUN_TEXT_CHARACTERS = 65_535;
/** A commit status's `description`: GitHub refuses a longer one. */
export const STATUS_DESCRIPTION_CHARACTERS = 140;
/** Issue comments, review comments and a review's body. */
export const COMMENT_CHARACTERS = 65_536;
/** The step summary file; a larger one is not shown. */
export const JOB_SUMMARY_BYTES = 1024 * 1024;
/**
 * The characters a job summary is rendered into (rows dropped to fit): under the byte cap, so that
 * `capBytes` cutting the text mid-table stays a last resort for text of many-byte characters.
 */
export const JOB_SUMMARY_CHARACTERS = 1_000_000;

const ELLIPSIS = "…";

/**
 * `text` if it has at most `max` characters (UTF-16 code units, as GitHub counts), else its start
 * and `…`, `max` in all. A surrogate pair is never split.
 */
export function capCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}${ELLIPSIS}`;
}

/** `text` if its UTF-8 form has at most `max` bytes, else its start and `…`, `max` bytes in all. */
export function capBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, "utf8") <= max) return text;
  const room = Math.max(0, max - Buffer.byteLength(ELLIPSIS, "utf8"));
  // at most `room` bytes, then back to the start of a character: never half of one
  const bytes = Buffer.from(text, "utf8");
  let end = Math.min(room, bytes.length);
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString("utf8")}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
