import { namespaceOf, podsMiss } from "../../graph/workloads.js";
import { describeRequirement, isEmptySelector, parseLabelSelector, type SelectorMiss } from "../../k8s/selector.js";
import { valueAt } from "../../manifests/pointer.js";
import { plural } from "../../plural.js";
import { kinds } from "../applies.js";
import { hasRelatedPods, podOwnersSelectedBy, templateBeside } from "../pod-owners.js";
import type { Rule } from "../types.js";

export const pdbSelectorMatchesNothing: Rule = {
  id: "pdb-selector-matches-nothing",
  title: "PodDisruptionBudget selects no pods",
  severity: "warning",
  category: "reliability",
  why: "A budget whose selector matches no pods protects nothing: drains and upgrades evict the pods it was written for as if it did not exist, and nobody notices until an outage. A renamed label is the usual cause.",
  appliesTo: kinds("PodDisruptionBudget"),
  check: (resource, { graph, templateFiles }) => {
    const raw = valueAt(resource.object, "/spec/selector");
    if (raw === undefined || raw === null) {
      return [
        {
          path: "/spec",
          message:
            "has no selector, so it selects no pods and protects nothing; add spec.selector with the pod template's labels",
        },
      ];
    }
    const selector = parseLabelSelector(raw);
    // a malformed selector is rejected for its own reasons
    if (!selector) return [];
    if (isEmptySelector(selector)) {
      // policy/v1 reads {} as every pod of the namespace; policy/v1beta1 as none
      return resource.apiVersion === "policy/v1beta1"
        ? [
            {
              path: "/spec/selector",
              message: "has an empty selector, which policy/v1beta1 reads as no pods at all; list the pod template's labels",
            },
          ]
        : [];
    }
    const namespace = namespaceOf(resource);
    const neighbours = graph.workloads.filter((w) => w.namespace === namespace);
    // no workload of the namespace is in these manifests: its pods are deployed from elsewhere, nothing to judge
    if (neighbours.length === 0 || graph.workloadsSelectedBy(namespace, selector).length > 0) return [];
    // pods of a custom controller (an Argo Rollout) or an operator (a Prometheus, a Kafka) are pods it protects
    if (podOwnersSelectedBy(graph, namespace, selector).length > 0) return [];
    // no pods here share a label key or value with the selector: they are deployed from elsewhere
    if (!hasRelatedPods(graph, namespace, selector) || templateBeside(resource, templateFiles)) return [];
    const [nearest] = neighbours;
    const miss = nearest ? podsMiss(selector, nearest) : undefined;
    const hint = nearest && miss ? ` (${nearest.resource.kind} "${nearest.resource.name}": ${describeMiss(miss)})` : "";
    return [
      {
        path: "/spec/selector",
        message: `selects no pods of the ${plural(neighbours.length, "workload")} in namespace "${namespace}" in these manifests${hint}; match it to the pod template's labels, or ignore this if its pods are deployed from elsewhere`,
      },
    ];
  },
};

function describeMiss(miss: SelectorMiss): string {
  if (miss.via === "matchLabels") {
    const found = miss.actual === undefined ? `no ${miss.key} label` : `${miss.key}=${miss.actual}`;
    return `selector wants ${miss.key}=${miss.expected}, pods have ${found}`;
  }
  const key = miss.requirement.key;
  const found = miss.actual === undefined ? `no ${key} label` : `${key}=${miss.actual}`;
  return `selector wants ${describeRequirement(miss.requirement)}, pods have ${found}`;
}
