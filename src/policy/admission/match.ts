import { isClusterScoped } from "../../k8s/scope.js";
import { parseLabelSelector, parseLabels, selectorMatches } from "../../k8s/selector.js";
import { apiGroup, isRecord, type KubeObject, type Resource } from "../../manifests/resource.js";
import { resourceName } from "./resource-name.js";

/**
 * `matchConstraints` (policy) and `matchResources` (binding) as the API server applies them to the
 * creation of `resource`: resource rules by group, version, resource name and operation (a file is
 * always a CREATE), minus excluded rules, then the namespace and object label selectors.
 * `namespaceLabels` is undefined when the namespace is not among the manifests: its labels are then
 * taken as none.
 */
export function matchesResources(
  match: KubeObject | undefined,
  resource: Resource,
  namespaceLabels: Record<string, string> | undefined,
): boolean {
  if (!match) return true;
  const rules = Array.isArray(match.resourceRules) ? match.resourceRules : undefined;
  if (rules && !rules.some((rule) => ruleMatches(rule, resource))) return false;
  const excluded = Array.isArray(match.excludeResourceRules) ? match.excludeResourceRules : [];
  if (excluded.some((rule) => ruleMatches(rule, resource))) return false;
  if (!labelsMatch(match.objectSelector, labelsOf(resource.object))) return false;
  if (resource.kind === "Namespace") return labelsMatch(match.namespaceSelector, labelsOf(resource.object));
  if (isClusterScoped(resource.kind)) return true;
  return labelsMatch(match.namespaceSelector, namespaceLabels ?? {});
}

function ruleMatches(rule: unknown, resource: Resource): boolean {
  if (!isRecord(rule)) return false;
  const group = apiGroup(resource.apiVersion);
  const version = resource.apiVersion.includes("/")
    ? resource.apiVersion.slice(resource.apiVersion.indexOf("/") + 1)
    : resource.apiVersion;
  const names = Array.isArray(rule.resourceNames) ? rule.resourceNames : [];
  if (names.length > 0 && !names.includes(resource.name)) return false;
  const scope = rule.scope;
  if (scope === "Cluster" && !isClusterScoped(resource.kind)) return false;
  if (scope === "Namespaced" && isClusterScoped(resource.kind)) return false;
  return (
    listed(rule.apiGroups, group) &&
    listed(rule.apiVersions, version) &&
    listed(rule.operations, "CREATE") &&
    (listed(rule.resources, resourceName(resource.kind)) || listed(rule.resources, "*/*"))
  );
}

/** `*` matches anything; `resource/*` is about subresources, never the object itself. */
function listed(values: unknown, wanted: string): boolean {
  return Array.isArray(values) && values.some((value) => value === "*" || value === wanted);
}

function labelsMatch(selector: unknown, labels: Record<string, string>): boolean {
  if (selector === undefined || selector === null) return true;
  const parsed = parseLabelSelector(selector);
  return parsed !== undefined && selectorMatches(parsed, labels);
}

export function labelsOf(object: KubeObject): Record<string, string> {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return parseLabels(metadata.labels) ?? {};
}
