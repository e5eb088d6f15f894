import path from "node:path";
import { FILES_SCOPE } from "../../manifests/load.js";
import type { Resource } from "../../manifests/resource.js";
import type { Rule } from "../types.js";

export const duplicateResource: Rule = {
  id: "duplicate-resource",
  title: "Resource is defined more than once",
  severity: "error",
  category: "input",
  why: "Two manifests for the same object fight: kubectl applies both and the last one silently wins, Kustomize refuses to build, and GitOps controllers flip between them. Keep one definition per object and scope.",
  appliesTo: hasOwnName,
  check: (resource, context) => {
    // identity is API group, kind, namespace and name; a missing namespace is `default`, as Kustomize also reads it
    const same = context.graph.withIdentity(resource).filter((other) => hasOwnName(other) && sameTarget(other, resource));
    const first = same[0];
    if (!first || first === resource || sameDocument(first, resource)) return [];
    const at = first.source.locate("/metadata/name");
    const namespace = resource.namespace ? ` in namespace "${resource.namespace}"` : "";
    return [
      {
        path: "/metadata/name",
        message: `${resource.kind} "${resource.name}"${namespace} is already defined at ${first.source.file}:${at.line}; only one of them ends up in the cluster`,
      },
    ];
  },
};

/**
 * Plain files in sibling directories (`envs/prod`, `envs/staging`) are usually applied to different
 * clusters, so only copies in the same directory are certain to collide. One Kustomize rendering is one
 * apply, so every copy in it collides.
 */
function sameTarget(a: Resource, b: Resource): boolean {
  return a.scope !== FILES_SCOPE || path.dirname(a.source.file) === path.dirname(b.source.file);
}

/** `generateName` gives every object a fresh name, so two of them are never the same object. */
function hasOwnName(resource: Resource): boolean {
  const name = (resource.object.metadata as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && name !== "";
}

/** The same document reached twice (a file named both directly and through its directory) is one object. */
function sameDocument(a: Resource, b: Resource): boolean {
  return (
    a.source.file === b.source.file &&
    a.source.documentIndex === b.source.documentIndex &&
    a.source.listIndex === b.source.listIndex
  );
}
