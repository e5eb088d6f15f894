import { podTemplate, podTemplatePath } from "../k8s/workload.js";
import type { Resource } from "../manifests/resource.js";
import type { Rule } from "./types.js";

export const IGNORE_ANNOTATION = "plumbline.dev/ignore";

/**
 * Whether the object (or its pod template) opts out of the rule: with Plumbline's own annotation, or
 * with the annotation a peer linter defines for the same check, so teams migrating keep their waivers.
 */
export function isOptedOut(resource: Resource, rule: Rule): boolean {
  return optOutAnnotation(resource, rule) !== undefined;
}

/**
 * The annotation that opts the object out of the rule, as `key: value` (what SARIF shows as the
 * suppression's justification), or undefined when none does.
 */
export function optOutAnnotation(resource: Resource, rule: Rule): string | undefined {
  for (const annotations of annotationSets(resource)) {
    const key = optingKey(annotations, rule);
    if (key !== undefined) return `${key}: ${String(annotations[key])}`;
  }
  return undefined;
}

function optingKey(annotations: Record<string, unknown>, rule: Rule): string | undefined {
  if (listed(annotations[IGNORE_ANNOTATION], rule.id)) return IGNORE_ANNOTATION;
  const peers = rule.peers;
  if (!peers) return undefined;
  const kubeLinter = peers.kubeLinter?.find((check) => `ignore-check.kube-linter.io/${check}` in annotations);
  if (kubeLinter) return `ignore-check.kube-linter.io/${kubeLinter}`;
  if (peers.kubeScore?.some((check) => listed(annotations["kube-score/ignore"], check))) return "kube-score/ignore";
  if (peers.polaris?.length && isTrue(annotations["polaris.fairwinds.com/exempt"])) return "polaris.fairwinds.com/exempt";
  const polaris = peers.polaris?.find((check) => isTrue(annotations[`polaris.fairwinds.com/${check}-exempt`]));
  return polaris ? `polaris.fairwinds.com/${polaris}-exempt` : undefined;
}

function listed(value: unknown, id: string): boolean {
  if (typeof value !== "string") return false;
  return value.split(",").some((entry) => {
    const trimmed = entry.trim();
    return trimmed === id || trimmed === "*";
  });
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

function annotationSets(resource: Resource): Record<string, unknown>[] {
  const sets: Record<string, unknown>[] = [];
  const own = annotationsAt(resource.object.metadata);
  if (own) sets.push(own);
  // a bare Pod is its own template: its annotations are already in
  if (podTemplatePath(resource)) {
    const podAnnotations = annotationsAt(podTemplate(resource)?.metadata);
    if (podAnnotations) sets.push(podAnnotations);
  }
  return sets;
}

function annotationsAt(metadata: unknown): Record<string, unknown> | undefined {
  const annotations = (metadata as { annotations?: unknown } | undefined)?.annotations;
  return annotations && typeof annotations === "object" ? (annotations as Record<string, unknown>) : undefined;
}
