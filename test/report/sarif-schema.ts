import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";

/** RFC 3986 characters, with `%` only as the start of an escape. */
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

function isUriReference(value: string): boolean {
  return URI_CHARACTERS.test(value) && URL.canParse(value, "file:///checkout/");
}

/**
 * The official SARIF 2.1.0 schema (as shipped by @microsoft/jest-sarif), compiled with draft-04
 * semantics and with the formats it uses checked rather than ignored.
 */
export function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaFile = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as object;
  // the schema's language pattern is not valid with the `u` flag, which Ajv uses by default
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => isUriReference(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value));
  ajv.addFormat("uri-reference", isUriReference);
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(schema);
}
