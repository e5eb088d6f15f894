import { helmContext } from "../helm/finding-context.js";
import type { Resource } from "../manifests/resource.js";
import type { Finding, FindingDocument, Severity } from "./finding.js";
import { fingerprint } from "./fingerprint.js";
import { semanticPath } from "./semantic-path.js";

export interface ResourceHit {
  readonly rule: string;
  readonly severity: Severity;
  /** JSON pointer in the resource; the location comes from it */
  readonly path: string;
  readonly message: string;
  /** tells two hits of one rule on one field apart (an admission policy and its validation) */
  readonly distinction?: string;
}

/** A finding about one resource, located at the pointer: the one shape built-in and policy rules share. */
export function resourceFinding(resource: Resource, hit: ResourceHit): Finding {
  const { line, column, file } = resource.source.locate(hit.path);
  const identity = {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace ?? null,
    name: resource.name,
  };
  const where = semanticPath(resource.object, hit.path);
  // a Helm value set is judged on its own: its findings name it, and keep their own fingerprints
  const valueSource = resource.source.valueSource?.(hit.path);
  const context = helmContext(resource.renderedBy, valueSource);
  const valueSet = resource.renderedBy?.valueSet;
  const distinction = valueSet === undefined ? hit.distinction : `${valueSet}\u0000${hit.distinction ?? ""}`;
  return {
    rule: hit.rule,
    severity: hit.severity,
    file: file ?? resource.source.file,
    line,
    column,
    resource: identity,
    message: `${hit.message}${context}`,
    fingerprint: fingerprint(hit.rule, identity, distinction === undefined ? where : `${distinction}\u0000${where}`),
    path: hit.path,
    document: documentOf(resource),
    ...(valueSource ? { valueSource } : {}),
  };
}

function documentOf(resource: Resource): FindingDocument {
  const { file, documentIndex, listIndex } = resource.source;
  return {
    file,
    documentIndex,
    ...(listIndex !== undefined ? { listIndex } : {}),
    ...(resource.renderedBy ? { renderedBy: resource.renderedBy } : {}),
  };
}
