import path from "node:path";
import type { ResourceGraph } from "../../graph/graph.js";
import { isPlainScope } from "../../graph/scopes.js";
import type { Resource } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const duplicateResource: Rule = {
  id: "duplicate-resource",
  title: "Resource is defined more than once",
  severity: "error",
  category: "input",
  why: "Two manifests for the same object fight: kubectl applies both and the last one silently wins, Kustomize refuses to build, and GitOps controllers flip between them. Keep one definition per object and scope.",
  appliesTo: hasOwnName,
  check: (resource, { graph }) => {
    const earlier = earlierCopies(resource, graph);
    const first = earlier[0];
    if (!first) return [];
    // one Kustomize rendering, or one file, is one apply: every copy in it really collides
    const collides = isPlainScope(resource.scope) ? earlier.find((other) => other.source.file === resource.source.file) : first;
    if (collides) return [collision(resource, collides)];
    return alternativeFiles(resource, first.source.file, graph);
  },
};

/**
 * The definitions of the same object before this one, in input order; API group, kind, namespace and
 * name are its identity. Plain files are compared within one directory only: a copy in the folder above
 * or below is a variant of the tree (a `complete-demo.yaml` beside `manifests/`), not a second definition.
 */
function earlierCopies(resource: Resource, graph: ResourceGraph): Resource[] {
  const dir = path.dirname(resource.source.file);
  const copies = graph
    .withIdentity(resource)
    .filter((other) => other === resource || (hasOwnName(other) && !sameDocument(other, resource)))
    .filter((other) => !isPlainScope(resource.scope) || path.dirname(other.source.file) === dir);
  const index = copies.indexOf(resource);
  return index < 0 ? [] : copies.slice(0, index);
}

function collision(resource: Resource, first: Resource): Hit {
  const at = first.source.locate("/metadata/name");
  return {
    path: "/metadata/name",
    message: `${describe(resource)} is already defined at ${first.source.file}:${at.line}; only one of them ends up in the cluster`,
  };
}

/**
 * Sample and variant folders hold the same objects in several files (`app.yaml`, `app-psa.yaml`,
 * `app-dualstack.yaml`) of which people apply one: a notice, said once per pair of files, at the first
 * object the later file repeats.
 */
function alternativeFiles(resource: Resource, earlierFile: string, graph: ResourceGraph): Hit[] {
  const repeated = graph
    .inFile(resource.source.file)
    .filter((other) => hasOwnName(other) && earlierCopies(other, graph)[0]?.source.file === earlierFile);
  if (repeated[0] !== resource) return [];
  const examples = repeated.slice(0, 3).map(describe).join(", ");
  const more = repeated.length > 3 ? ` and ${repeated.length - 3} more` : "";
  const what = repeated.length === 1 ? examples : `${repeated.length} objects (${examples}${more})`;
  return [
    {
      path: "/metadata/name",
      severity: "info",
      // both files are in one directory, so their names say which
      message: `${path.basename(resource.source.file)} repeats ${what} of ${path.basename(earlierFile)} beside it: if the files are alternatives, apply one; applied together, only one copy of each ends up in the cluster`,
    },
  ];
}

function describe(resource: Resource): string {
  const namespace = resource.namespace ? ` in namespace "${resource.namespace}"` : "";
  return `${resource.kind} "${resource.name}"${namespace}`;
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
