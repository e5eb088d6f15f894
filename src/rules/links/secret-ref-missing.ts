import { isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";
import { missingReferenceHits } from "./config-reference.js";

export const secretRefMissing: Rule = {
  id: "secret-ref-missing",
  title: "Pod needs a Secret that is not in these manifests",
  severity: "info",
  category: "links",
  why: "A container that reads a Secret does not start until it exists. Secrets are usually created out of band (by a secrets manager, an ExternalSecret or SealedSecret, or by hand), so a Secret missing from the manifests is only worth a look: declare the ones created elsewhere as external, and mark those that may be absent optional: true.",
  appliesTo: isWorkload,
  check: (resource, context) => missingReferenceHits(resource, context, "Secret"),
};
