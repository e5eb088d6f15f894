import { createHash } from "node:crypto";
import { apiGroup } from "../manifests/resource.js";
import type { FindingResource } from "./finding.js";

/**
 * A finding's identity: rule, the object (API group, kind, namespace, name) and the field path with
 * list positions replaced by names where the list is keyed by name. Line numbers never enter it, and
 * neither does the API version, so moving a block or migrating `v1beta1` → `v1` keeps every other
 * finding's identity.
 */
export function fingerprint(rule: string, resource: FindingResource, semanticPath: string): string {
  const identity = [
    rule,
    apiGroup(resource.apiVersion ?? ""),
    resource.kind ?? "",
    resource.namespace ?? "",
    resource.name ?? "",
    semanticPath,
  ].join("\u0000");
  return createHash("sha256").update(identity).digest("hex").slice(0, 16);
}
