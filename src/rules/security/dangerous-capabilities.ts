import { addedCapabilities, DANGEROUS_CAPABILITIES } from "../../k8s/capabilities.js";
import { containerSecurityContext, isWindowsPod } from "../../k8s/security-context.js";
import { containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import type { Rule } from "../types.js";

export const dangerousCapabilities: Rule = {
  id: "dangerous-capabilities",
  title: "Container adds a dangerous capability",
  severity: "warning",
  category: "security",
  why: "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE or NET_ADMIN hand a container powers over the node's kernel, processes or network; a compromised process uses them to break out. Add only the narrow capability the workload needs (NET_BIND_SERVICE for low ports), and drop the rest.",
  peers: { polaris: ["dangerousCapabilities"] },
  // Windows containers have no Linux capabilities
  appliesTo: (resource) => isWorkload(resource) && !isWindowsPod(resource),
  check: (resource) =>
    containersOf(resource, ["container", "init", "ephemeral"])
      // a privileged container has every capability anyway, and privileged-container reports it
      .filter((ref) => containerSecurityContext(ref)?.privileged !== true)
      .flatMap((ref) =>
        addedCapabilities(ref)
          .filter((capability) => Object.hasOwn(DANGEROUS_CAPABILITIES, capability.name))
          .map((capability) => ({
            path: capability.path,
            message: `${describeContainer(ref)} adds ${capability.name}, which allows ${DANGEROUS_CAPABILITIES[capability.name]}; remove it unless the workload cannot run without it`,
          })),
      ),
};
