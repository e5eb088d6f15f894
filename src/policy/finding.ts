import type { Finding, Severity } from "../findings/finding.js";
import { resourceFinding } from "../findings/resource-finding.js";
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
  const { resource, identity, ...rest } = hit;
  return resourceFinding(resource, { ...rest, distinction: identity });
}
