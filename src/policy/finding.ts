import type { Finding, Severity } from "../findings/finding.js";
import { fingerprint } from "../findings/fingerprint.js";
import { semanticPath } from "../findings/semantic-path.js";
import type { Resource } from "../manifests/resource.js";

export interface PolicyHit {
  readonly rule: string;
  readonly severity: Severity;
  readonly resource: Resource;
  /** JSON pointer in the resource; the location comes from it */
  readonly path: string;
  readonly message: string;
  /** what tells two hits of one rule on one field apart (the policy and validation), for the fingerprint */
  readonly identity: string;
}

/** A finding about a resource from a custom rule or an admission policy, shaped as the engine's are. */
export function policyFinding(hit: PolicyHit): Finding {
  const { resource } = hit;
  const { line, column, file } = resource.source.locate(hit.path);
  const identity = {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace ?? null,
    name: resource.name,
  };
  return {
    rule: hit.rule,
    severity: hit.severity,
    file: file ?? resource.source.file,
    line,
    column,
    resource: identity,
    message: hit.message,
    fingerprint: fingerprint(hit.rule, identity, `${hit.identity}\u0000${semanticPath(resource.object, hit.path)}`),
    path: hit.path,
  };
}
