import { isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";
import { missingReferenceHits } from "./config-reference.js";

export const configmapRefMissing: Rule = {
  id: "configmap-ref-missing",
  title: "Pod needs a ConfigMap that is not there",
  severity: "warning",
  category: "links",
  why: "A container that reads a ConfigMap (env valueFrom, envFrom, or a volume) does not start until that ConfigMap, and each key it reads, exists: the pod sits in CreateContainerConfigError or ContainerCreating. References that may be absent should say optional: true.",
  appliesTo: isWorkload,
  check: (resource, context) => missingReferenceHits(resource, context, "ConfigMap"),
};
