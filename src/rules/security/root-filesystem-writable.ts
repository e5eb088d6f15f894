import { containerSecurityContext, isWindowsPod, setContainerSecurityField } from "../../k8s/security-context.js";
import { type ContainerRef, containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import { type Hit, type Rule, withFix } from "../types.js";

export const rootFilesystemWritable: Rule = {
  id: "root-filesystem-writable",
  title: "Container root filesystem is writable",
  severity: "info",
  category: "security",
  why: "With a writable root filesystem an intruder can drop tools and change binaries or configuration inside the running container. readOnlyRootFilesystem: true stops that; the directories the application really writes to (/tmp, caches) become emptyDir volumes.",
  peers: {
    kubeLinter: ["no-read-only-root-fs"],
    kubeScore: ["container-security-context-readonlyrootfilesystem"],
    polaris: ["notReadOnlyRootFilesystem"],
  },
  // Windows containers reject the field
  appliesTo: (resource) => isWorkload(resource) && !isWindowsPod(resource),
  // ephemeral containers are debugging sessions, not part of the running workload
  check: (resource) => containersOf(resource, ["container", "init"]).flatMap(writableHit),
};

function writableHit(ref: ContainerRef): Hit[] {
  const setting = containerSecurityContext(ref)?.readOnlyRootFilesystem;
  if (setting === true) return [];
  const path = joinPointer(ref.path, "securityContext", "readOnlyRootFilesystem");
  const name = describeContainer(ref);
  // an explicit false is a decision someone made; only the unset case gets a fix
  if (setting === false) {
    return [{ path, message: `${name} sets readOnlyRootFilesystem: false, so its root filesystem is writable` }];
  }
  const fix = setContainerSecurityField(ref, "readOnlyRootFilesystem", true);
  // unsafe: an image that writes outside its volumes (postgres, mysql, nginx's cache) fails to start
  return [
    withFix(
      {
        path,
        message: `${name} has a writable root filesystem: set readOnlyRootFilesystem: true and mount an emptyDir where it must write`,
      },
      fix,
      "unsafe",
    ),
  ];
}
