/** Builders for drift tests: Git resources from YAML text, a LiveState from plain objects. */

import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { LiveState } from "../../src/live/types.js";
import { parseManifestText } from "../../src/manifests/parse.js";
import type { KubeObject, Resource } from "../../src/manifests/resource.js";
import { KUBE_YAML } from "../../src/manifests/yaml-options.js";

export function gitFrom(text: string, file = "git.yaml"): Resource[] {
  const parsed = parseManifestText(text, file, `dir:${path.dirname(file)}`);
  if (parsed.problems.length > 0) throw new Error(`${file}: ${parsed.problems[0]?.message}`);
  return parsed.resources;
}

export function readObject(file: string): KubeObject {
  return parse(readFileSync(file, "utf8"), KUBE_YAML) as KubeObject;
}

/** A live side that says it listed every (kind, namespace) its objects are in, plus `alsoListed`. */
export function liveFrom(
  objects: KubeObject[],
  alsoListed: { apiVersion: string; kind: string; namespace?: string }[] = [],
  defaultNamespace = "default",
): LiveState {
  const scopes = new Map<string, { apiVersion: string; kind: string; namespace?: string }>();
  for (const object of [...objects, ...alsoListed.map((scope) => ({ ...scope, metadata: { namespace: scope.namespace } }))]) {
    const metadata = (object.metadata ?? {}) as { namespace?: string };
    const scope = {
      apiVersion: String(object.apiVersion),
      kind: String(object.kind),
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    };
    scopes.set(JSON.stringify(scope), scope);
  }
  return {
    source: "test",
    objects,
    listed: [...scopes.values()],
    unlisted: [],
    kinds: [...scopes.values()].map((scope) => ({
      apiVersion: scope.apiVersion,
      kind: scope.kind,
      namespaced: scope.namespace !== undefined,
    })),
    defaultNamespace,
  };
}

/** A managedFields entry. */
export function managed(manager: string, fieldsV1: Record<string, unknown>, extra: Record<string, string> = {}): KubeObject {
  return {
    manager,
    operation: "Update",
    apiVersion: "v1",
    time: "2025-03-01T10:00:00Z",
    fieldsType: "FieldsV1",
    fieldsV1,
    ...extra,
  };
}

/** A deep copy of `object` with `edit` applied: live objects made from Git ones. */
export function edited(object: KubeObject, edit: (copy: KubeObject) => void): KubeObject {
  const copy = structuredClone(object);
  edit(copy);
  return copy;
}

/** A Deployment as Git declares it, with what the tests vary. */
export function deploymentYaml(container = "", spec = ""): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
${spec}  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/shop/web:1.4.2
${container}`;
}

/** Tests reach into manifests of any shape; one loose type instead of a cast at every step. */
// biome-ignore lint/suspicious/noExplicitAny: test objects are arbitrary Kubernetes manifests
export type Loose = any;
