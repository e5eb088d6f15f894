import { podSelectorOf } from "../../graph/graph.js";
import { namespaceOf, type Workload } from "../../graph/workloads.js";
import { type ContainerPort, declaredContainerPorts, isExternalName, type ServicePort, servicePorts } from "../../k8s/service.js";
import { joinPointer } from "../../manifests/pointer.js";
import { kinds } from "../applies.js";
import { podOwnersSelectedBy } from "../pod-owners.js";
import type { Hit, Rule } from "../types.js";

interface Target {
  readonly workload: Workload;
  readonly ports: readonly ContainerPort[];
}

export const serviceTargetPortUnknown: Rule = {
  id: "service-target-port-unknown",
  title: "Service targets a port its pods do not declare",
  severity: "warning",
  category: "links",
  why: "A Service forwards each port to its targetPort on the pods. A port name that no container declares leaves the Service without endpoints for that port; a number the containers do not list usually means the Service and the application disagree about where it listens, and connections are refused.",
  appliesTo: kinds("Service"),
  check: (resource, { graph }) => {
    const selector = podSelectorOf(resource);
    if (!selector || isExternalName(resource)) return [];
    const namespace = namespaceOf(resource);
    const workloads = graph.workloadsSelectedBy(namespace, selector);
    // no selected pods is service-selector-matches-nothing's finding; custom controllers' pods are not modelled
    if (workloads.length === 0 || podOwnersSelectedBy(graph, namespace, selector).length > 0) return [];
    const targets = workloads.map((workload) => ({ workload, ports: declaredContainerPorts(workload.podSpec) }));
    return servicePorts(resource).flatMap((port) => portHit(port, targets));
  },
};

function portHit(port: ServicePort, targets: readonly Target[]): Hit[] {
  const target = port.targetPort;
  const label = port.name ? `port "${port.name}"` : `port ${port.port ?? "?"}`;
  if (typeof target === "string") {
    // a name of digits only is invalid, and the API server says so itself
    if (/^\d+$/.test(target) || targets.some((t) => t.ports.some((p) => p.name === target))) return [];
    return [
      {
        path: joinPointer(port.path, "targetPort"),
        message: `${label} targets the port named "${target}", which no container of ${describeTargets(targets)} declares${declaredNames(targets)}; the Service has no endpoints for it`,
      },
    ];
  }
  if (target === undefined) return [];
  // containers need not list the ports they listen on: a number is only judged against pods that list theirs
  if (targets.some((t) => !t.ports.some((p) => p.containerPort !== undefined))) return [];
  if (targets.some((t) => t.ports.some((p) => p.containerPort === target))) return [];
  const listed = [
    ...new Set(targets.flatMap((t) => t.ports.flatMap((p) => (p.containerPort === undefined ? [] : [p.containerPort])))),
  ];
  const how = port.targetPortSet ? `targets port ${target}` : `has no targetPort, so it targets port ${target}`;
  // containers may listen on ports they do not list (jaeger's collector ports): a notice, not a warning
  return [
    {
      path: joinPointer(port.path, port.targetPortSet ? "targetPort" : "port"),
      message: `${label} ${how}, but the containers of ${describeTargets(targets)} declare only ${listed.join(", ")}; if the application listens there undeclared, list the port in the container`,
      severity: "info",
    },
  ];
}

function describeTargets(targets: readonly Target[]): string {
  const names = targets.map((t) => `${t.workload.resource.kind} "${t.workload.resource.name}"`);
  return names.length === 1 ? (names[0] as string) : `the selected workloads (${names.join(", ")})`;
}

function declaredNames(targets: readonly Target[]): string {
  const names = [...new Set(targets.flatMap((t) => t.ports.flatMap((p) => (p.name ? [`"${p.name}"`] : []))))];
  return names.length > 0 ? ` (named ports: ${names.join(", ")})` : " (no port is named)";
}
