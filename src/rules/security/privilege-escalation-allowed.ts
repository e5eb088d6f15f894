import { addsSysAdmin, containerSecurityContext, isWindowsPod, setContainerSecurityField } from "../../k8s/security-context.js";
import { type ContainerRef, containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import { type Hit, type Rule, withFix } from "../types.js";

export const privilegeEscalationAllowed: Rule = {
  id: "privilege-escalation-allowed",
  title: "Container allows privilege escalation",
  severity: "warning",
  category: "security",
  why: "allowPrivilegeEscalation defaults to true: a setuid binary or a kernel bug lets a process in the container gain more privileges than it started with. Setting it to false (no_new_privs) closes that path for almost every application.",
  peers: { kubeLinter: ["privilege-escalation-container"], polaris: ["privilegeEscalationAllowed"] },
  // Windows pods reject the field
  appliesTo: (resource) => isWorkload(resource) && !isWindowsPod(resource),
  check: (resource) => containersOf(resource, ["container", "init", "ephemeral"]).flatMap(escalationHit),
};

function escalationHit(ref: ContainerRef): Hit[] {
  const context = containerSecurityContext(ref);
  const setting = context?.allowPrivilegeEscalation;
  const settingPath = joinPointer(ref.path, "securityContext", "allowPrivilegeEscalation");
  const name = describeContainer(ref);
  // privileged and CAP_SYS_ADMIN allow escalation whatever the field says: no fix can be offered
  if (context?.privileged === true) {
    const message =
      setting === false
        ? `${name} sets allowPrivilegeEscalation: false next to privileged: true, which the API server rejects`
        : `${name} can escalate privileges: it is privileged, which forces allowPrivilegeEscalation on`;
    return [{ path: settingPath, message }];
  }
  const sysAdmin = addsSysAdmin(ref);
  if (sysAdmin !== undefined) {
    return [
      {
        path: joinPointer(ref.path, "securityContext", "capabilities", "add", sysAdmin),
        message: `${name} can escalate privileges: it adds CAP_SYS_ADMIN`,
      },
    ];
  }
  if (setting === false) return [];
  if (setting === true) return [{ path: settingPath, message: `${name} sets allowPrivilegeEscalation: true` }];
  const fix = setContainerSecurityField(ref, "allowPrivilegeEscalation", false);
  return [
    // unsafe: no_new_privs stops binaries that gain rights through setuid or file capabilities
    // (an nginx allowed to bind port 80 as non-root) and with them the container
    withFix(
      {
        path: settingPath,
        message: `${name} does not set allowPrivilegeEscalation: false, and it defaults to true`,
      },
      fix,
      "unsafe",
    ),
  ];
}
