import { podTemplate, podTemplatePath } from "../k8s/workload.js";
import type { Resource } from "../manifests/resource.js";
import type { Rule } from "./types.js";

export const IGNORE_ANNOTATION = "plumbline.dev/ignore";

/**
 * Whether the object (or its pod template) opts out of the rule: with Plumbline's own annotation, or
 * with the annotation a peer linter defines for the same check, so teams migrating keep their waivers.
 */
export function isOptedOut(resource: Resource, rule: Rule): boolean {
  return annotationSets(resource).some((annotations) => optsOut(annotations, rule));
}

function optsOut(annotations: Record<string, unknown>, rule: Rule): boolean {
  if (listed(annotations[IGNORE_ANNOTATION], rule.id)) return true;
  const peers = rule.peers;
  if (!peers) return false;
  if (peers.kubeLinter?.some((check) => `ignore-check.kube-linter.io/${check}` in annotations)) return true;
  if (peers.kubeScore?.some((check) => listed(annotations["kube-score/ignore"], check))) return true;
  if (peers.polaris?.length && isTrue(annotations["polaris.fairwinds.com/exempt"])) return true;
  return peers.polaris?.some((check) => isTrue(annotations[`polaris.fairwinds.com/${check}-exempt`])) ?? false;
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
