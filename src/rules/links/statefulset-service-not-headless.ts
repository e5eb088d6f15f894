import { namespaceOf } from "../../graph/workloads.js";
import { isHeadless } from "../../k8s/service.js";
import { valueAt } from "../../manifests/pointer.js";
import { kinds } from "../applies.js";
import type { Rule } from "../types.js";

export const statefulsetServiceNotHeadless: Rule = {
  id: "statefulset-service-not-headless",
  title: "StatefulSet's governing Service is not headless",
  severity: "warning",
  category: "links",
  why: "A StatefulSet's pods get stable DNS names (db-0.db.namespace.svc) only from a headless Service (clusterIP: None) named in spec.serviceName. With a regular Service those names never resolve, so replicas that find each other by name (databases, queues) cannot form a cluster.",
  peers: { kubeScore: ["statefulset-has-servicename"] },
  appliesTo: kinds("StatefulSet"),
  check: (resource, { graph }) => {
    const name = valueAt(resource.object, "/spec/serviceName");
    if (typeof name !== "string" || name === "") return [];
    // a Service created elsewhere cannot be judged; one that is found must be headless
    const found = graph.lookup("Service", namespaceOf(resource), name);
    if (found.status !== "found" || found.resources.some(isHeadless)) return [];
    return [
      {
        path: "/spec/serviceName",
        message: `serviceName "${name}" is a Service with a cluster IP, not a headless one (clusterIP: None), so the pods get no DNS names of their own (${resource.name}-0.${name}); clusterIP cannot change in place, so add a headless Service and name it here`,
      },
    ];
  },
};
