import { podSelectorOf } from "../../graph/graph.js";
import { namespaceOf, podsMiss, selectsPods, type Workload } from "../../graph/workloads.js";
import { describeRequirement, type LabelSelector } from "../../k8s/selector.js";
import { isExternalName } from "../../k8s/service.js";
import { kinds } from "../applies.js";
import { hasRelatedPods, podOwnersSelectedBy, templateBeside } from "../pod-owners.js";
import type { Rule } from "../types.js";

export const serviceSelectorMatchesNothing: Rule = {
  id: "service-selector-matches-nothing",
  title: "Service selector matches no pods",
  severity: "warning",
  category: "links",
  why: "A Service routes to the pods its selector picks in its own namespace. When none match, it has no endpoints: clients connect and get refused or time out, while every object looks healthy. The usual cause is a label that differs by one character, or a Service in the wrong namespace.",
  peers: { kubeLinter: ["dangling-service"], kubeScore: ["service-targets-pod"] },
  appliesTo: kinds("Service"),
  check: (resource, { graph, templateFiles }) => {
    // without a selector the endpoints are managed by hand; an ExternalName Service has none
    const selector = podSelectorOf(resource);
    if (!selector || isExternalName(resource)) return [];
    const namespace = namespaceOf(resource);
    if (graph.workloadsSelectedBy(namespace, selector).length > 0) return [];
    if (podOwnersSelectedBy(graph, namespace, selector).length > 0) return [];
    const wanted = describeSelector(selector);
    const elsewhere = graph.workloads.filter((w) => w.namespace !== namespace && selectsPods(selector, w));
    const first = elsewhere[0];
    if (first) {
      return [
        {
          path: "/spec/selector",
          message: `selector ${wanted} matches no pods in namespace "${namespace}"; ${describeWorkload(first)} in namespace "${first.namespace}" has matching pods, but a Service only reaches pods in its own namespace`,
        },
      ];
    }
    const neighbours = graph.workloads.filter((w) => w.namespace === namespace);
    // no workload here at all, or none whose pods share a label key or value with the selector: the
    // pods come from elsewhere (another repository, a Helm chart, an operator)
    if (neighbours.length === 0 || !hasRelatedPods(graph, namespace, selector)) return [];
    // a template skipped unread beside it may hold the pods
    if (templateBeside(resource, templateFiles)) return [];
    return [
      {
        path: "/spec/selector",
        message: `selector ${wanted} matches none of the pods of the ${neighbours.length === 1 ? "workload" : `${neighbours.length} workloads`} in namespace "${namespace}" in these manifests, so the Service has no endpoints${nearestMiss(selector, neighbours)}`,
      },
    ];
  },
};

/** `app=web, tier=front`: the spelling of `kubectl get -l`. */
function describeSelector(selector: LabelSelector): string {
  return [
    ...Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`),
    ...selector.matchExpressions.map(describeRequirement),
  ].join(", ");
}

function describeWorkload(workload: Workload): string {
  return `${workload.resource.kind} "${workload.resource.name}"`;
}

/** What the closest workload (the one meeting most of the selector's labels) has instead. */
function nearestMiss(selector: LabelSelector, workloads: readonly Workload[]): string {
  const entries = Object.entries(selector.matchLabels);
  let best: { workload: Workload; score: number } | undefined;
  for (const workload of workloads) {
    const score = entries.filter(([key, value]) => workload.podLabels[key] === value).length;
    const sharesKey = entries.some(([key]) => Object.hasOwn(workload.podLabels, key));
    if (sharesKey && (!best || score > best.score)) best = { workload, score };
  }
  if (!best) return "";
  const miss = podsMiss(selector, best.workload);
  if (miss?.via !== "matchLabels") return "";
  const have = miss.actual === undefined ? `have no ${miss.key} label` : `have ${miss.key}=${miss.actual}`;
  return `; ${describeWorkload(best.workload)}'s pods ${have}`;
}
