import { effectiveSetting, isWindowsPod, setContainerSecurityField } from "../../k8s/security-context.js";
import { type ContainerRef, containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Resource } from "../../manifests/resource.js";
import { type Hit, type Rule, withFix } from "../types.js";

export const runAsRoot: Rule = {
  id: "run-as-root",
  title: "Container may run as root",
  severity: "warning",
  category: "security",
  why: "Unless runAsNonRoot is true or runAsUser is non-zero, the container runs as whatever user the image says, usually root: a breakout from the container then starts as root on the node, and files on shared volumes are written as root.",
  peers: { kubeLinter: ["run-as-non-root"], polaris: ["runAsRootAllowed"] },
  // Windows pods use runAsUserName, not the Linux user id
  appliesTo: (resource) => isWorkload(resource) && !isWindowsPod(resource),
  check: (resource) => containersOf(resource, ["container", "init", "ephemeral"]).flatMap((ref) => rootHit(resource, ref)),
};

function rootHit(resource: Resource, ref: ContainerRef): Hit[] {
  const user = effectiveSetting(resource, ref, "runAsUser");
  const nonRoot = effectiveSetting(resource, ref, "runAsNonRoot");
  const name = describeContainer(ref);
  if (user?.value === 0) {
    const clash = nonRoot?.value === true ? "; with runAsNonRoot: true the kubelet refuses to start it" : "";
    return [{ path: user.path, message: `${name} runs as root (runAsUser: 0)${clash}` }];
  }
  if (typeof user?.value === "number" && user.value > 0) return [];
  if (nonRoot?.value === true) return [];
  if (nonRoot?.value === false) return [{ path: nonRoot.path, message: `${name} sets runAsNonRoot: false and may run as root` }];
  // the fix is only certain when nothing about the user is set; with it the kubelet refuses an image whose user is root
  const fix = user === undefined ? setContainerSecurityField(ref, "runAsNonRoot", true) : undefined;
  // unsafe: the kubelet refuses to start an image whose user is root (postgres, mysql, mongo)
  return [
    withFix(
      {
        path: joinPointer(ref.path, "securityContext", "runAsNonRoot"),
        message: `${name} may run as root: set runAsNonRoot: true (the image needs a non-root USER) or a non-zero runAsUser`,
      },
      fix,
      "unsafe",
    ),
  ];
}
