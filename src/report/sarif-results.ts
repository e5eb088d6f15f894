import type { EditTarget } from "../edit/index.js";
import type { Finding } from "../findings/finding.js";
import { sarifFixes } from "./sarif-fixes.js";
import { LEVEL } from "./sarif-rules.js";
import type { SourceView } from "./sarif-source.js";

/** Key of `partialFingerprints`: versioned so that a new fingerprint scheme never matches an old alert. */
export const FINGERPRINT_KEY = "plumbline/v1";

/** GitHub's key: code scanning matches alerts across runs by it (see line-hash.ts). */
export const LINE_HASH_KEY = "primaryLocationLineHash";

/** Anchor of every relative artifact URI: the checkout root, which is where code scanning resolves it. */
export const SRCROOT = "%SRCROOT%";

/** What a result needs beyond the finding. */
export interface ResultContext {
  readonly ruleIndex: number | undefined;
  readonly uri: string;
  readonly source: SourceView | undefined;
  readonly target: EditTarget | undefined;
  /** the opt-out annotation that waives it, `key: value` */
  readonly suppressedBy?: string;
  /** the URI of the Helm values file that set the field (`finding.valueSource`) */
  readonly valuesUri?: string;
}

export function artifactLocation(uri: string) {
  // an absolute file: URI (a file outside the repository) must not be re-anchored
  return uri.startsWith("file:") ? { uri } : { uri, uriBaseId: SRCROOT };
}

export function sarifResult(finding: Finding, context: ResultContext) {
  const { source } = context;
  const location = artifactLocation(context.uri);
  const startLine = Math.max(1, finding.line);
  const startColumn = Math.max(1, finding.column);
  // without the text no end is known: SARIF then means the rest of the line, which is right for a key
  const end = source?.regionEnd(startLine, startColumn) ?? {};
  const lineHash = source?.lineHash(startLine);
  const logical = logicalLocation(finding);
  const fixes = sarifFixes(finding, source, context.target, location);
  return {
    ruleId: finding.rule,
    ...(context.ruleIndex === undefined ? {} : { ruleIndex: context.ruleIndex }),
    level: LEVEL[finding.severity],
    // code scanning drops a result without message text: an empty message says at least the rule
    message: { text: finding.message.trim() === "" ? finding.rule : finding.message },
    locations: [
      {
        physicalLocation: { artifactLocation: location, region: { startLine, startColumn, ...end } },
        ...(logical ? { logicalLocations: [logical] } : {}),
      },
    ],
    ...relatedValues(finding, context.valuesUri),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint, ...(lineHash ? { [LINE_HASH_KEY]: lineHash } : {}) },
    ...(context.suppressedBy !== undefined
      ? { suppressions: [{ kind: "inSource", status: "accepted", justification: context.suppressedBy }] }
      : {}),
    ...(fixes ? { fixes } : {}),
  };
}

/** A Helm finding's values line, where code scanning shows it beside the template line. */
function relatedValues(finding: Finding, uri: string | undefined) {
  const source = finding.valueSource;
  if (!source || uri === undefined) return {};
  const region = { startLine: Math.max(1, source.line), startColumn: Math.max(1, source.column) };
  const text = `the values line that sets this field (${source.file}:${source.line})`;
  return {
    relatedLocations: [{ id: 1, physicalLocation: { artifactLocation: artifactLocation(uri), region }, message: { text } }],
  };
}

/**
 * The object a finding is about: two overlays rendering one base report at the same line, and the
 * namespace (or the name a prefix changed) is what tells their results apart.
 */
function logicalLocation(finding: Finding) {
  const { apiVersion, kind, namespace, name } = finding.resource;
  if (!kind || !name) return undefined;
  const qualified = [apiVersion, kind, namespace, name].filter((part) => part).join("/");
  return {
    name,
    fullyQualifiedName: qualified,
    kind: "resource",
    properties: { apiVersion, kind, namespace, name },
  };
}
