import {
  describeRequirement,
  firstMiss,
  isEmptySelector,
  parseLabelSelector,
  parseLabels,
  type SelectorMiss,
} from "../../k8s/selector.js";
import { joinPointer, valueAt } from "../../manifests/pointer.js";
import type { Resource } from "../../manifests/resource.js";
import { kinds } from "../applies.js";
import type { Hit, Rule } from "../types.js";

/** apps/v1 made the selector required; older versions defaulted it to the template's labels. */
const REQUIRES_SELECTOR = new Set(["apps/v1"]);

/** The older controllers select with a plain label map rather than a LabelSelector. */
const MAP_SELECTOR = new Set(["ReplicationController", "DeploymentConfig"]);

export const selectorMismatch: Rule = {
  id: "selector-mismatch",
  title: "Selector does not match the pod template",
  severity: "error",
  category: "links",
  why: "A workload's selector must select the pods its own template creates; the API server rejects one that does not (and one that is empty), so the change never rolls out.",
  peers: {
    kubeLinter: ["mismatching-selector"],
    kubeScore: ["statefulset-pod-selector-labels-match-template-metadata-labels"],
  },
  appliesTo: kinds("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController", "DeploymentConfig"),
  check: (resource) => {
    const raw = valueAt(resource.object, "/spec/selector");
    const kind = resource.kind;
    if (raw === undefined || raw === null) {
      // a Job's selector is generated unless manualSelector is set
      if (kind === "Job" || !REQUIRES_SELECTOR.has(resource.apiVersion)) return [];
      return [{ path: "/spec/selector", message: `${kind} has no spec.selector, which ${resource.apiVersion} requires` }];
    }
    const mapSelector = MAP_SELECTOR.has(kind);
    const matchLabels = mapSelector ? parseLabels(raw) : undefined;
    const selector = mapSelector ? matchLabels && { matchLabels, matchExpressions: [] } : parseLabelSelector(raw);
    const labels = parseLabels(valueAt(resource.object, "/spec/template/metadata/labels"));
    // malformed selectors and labels are rejected for their own reasons; guessing here only adds noise
    if (!selector || !labels) return [];
    if (isEmptySelector(selector)) {
      return kind === "Job"
        ? []
        : [{ path: "/spec/selector", message: `${kind} has an empty selector, which the API server rejects` }];
    }
    const miss = firstMiss(selector, labels);
    return miss ? [missHit(resource, miss, mapSelector ? "/spec/selector" : "/spec/selector/matchLabels")] : [];
  },
};

function missHit(resource: Resource, miss: SelectorMiss, labelsPath: string): Hit {
  const rejected = `the API server rejects the ${resource.kind}`;
  if (miss.via === "matchLabels") {
    const found = miss.actual === undefined ? `has no ${miss.key} label` : `has ${miss.key}=${miss.actual}`;
    return {
      path: joinPointer(labelsPath, miss.key),
      message: `selector requires ${miss.key}=${miss.expected} but the pod template ${found}; ${rejected}`,
    };
  }
  const found = miss.actual === undefined ? `has no ${miss.requirement.key} label` : `has ${miss.requirement.key}=${miss.actual}`;
  return {
    path: joinPointer("/spec/selector/matchExpressions", miss.index),
    message: `selector requires ${describeRequirement(miss.requirement)} but the pod template ${found}; ${rejected}`,
  };
}
