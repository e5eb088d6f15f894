import { containerSecurityContext } from "../../k8s/security-context.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Rule } from "../types.js";

export const privilegedContainer: Rule = {
  id: "privileged-container",
  title: "Container runs privileged",
  severity: "error",
  category: "security",
  why: "A privileged container has every capability and every host device: whoever gets code execution in it owns the node and every pod on it. Grant the few capabilities the workload needs instead.",
  peers: {
    kubeLinter: ["privileged-container"],
    kubeScore: ["container-security-context-privileged"],
    polaris: ["runAsPrivileged"],
  },
  appliesTo: isWorkload,
  // `privileged` exists only on containers; no fix is offered, since node agents (CNI, CSI) may need it
  check: (resource) =>
    containersOf(resource, ["container", "init", "ephemeral"])
      .filter((ref) => containerSecurityContext(ref)?.privileged === true)
      .map((ref) => ({
        path: joinPointer(ref.path, "securityContext", "privileged"),
        message: `${describeContainer(ref)} runs privileged, with full access to the node`,
      })),
};
