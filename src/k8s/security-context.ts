/**
 * The security settings a container really runs with: a container's `securityContext` overrides the
 * pod's for the fields both have, and some fields exist only on the container.
 */
import type { Operation } from "fast-json-patch";
import { joinPointer } from "../manifests/pointer.js";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { type ContainerRef, podSpec, podSpecPath } from "./workload.js";

/** A setting and the JSON pointer of the key that set it. */
export interface EffectiveSetting {
  readonly value: unknown;
  readonly path: string;
}

/** Fields of a pod's `securityContext` that its containers inherit unless they set their own. */
export type InheritedField = "runAsUser" | "runAsNonRoot" | "runAsGroup";

export function containerSecurityContext(ref: ContainerRef): KubeObject | undefined {
  return asObject(ref.container.securityContext);
}

export function podSecurityContext(resource: Resource): KubeObject | undefined {
  return asObject(podSpec(resource)?.securityContext);
}

/**
 * The value a container runs with for an inheritable field, with the pointer of the level that set it;
 * undefined when neither level sets it (null counts as unset, as the API server reads it).
 */
export function effectiveSetting(resource: Resource, ref: ContainerRef, field: InheritedField): EffectiveSetting | undefined {
  const own = containerSecurityContext(ref)?.[field];
  if (own !== undefined && own !== null) return { value: own, path: joinPointer(ref.path, "securityContext", field) };
  const inherited = podSecurityContext(resource)?.[field];
  const specPath = podSpecPath(resource);
  if (inherited === undefined || inherited === null || specPath === undefined) return undefined;
  return { value: inherited, path: joinPointer(specPath, "securityContext", field) };
}

/**
 * Windows pods reject the Linux-only fields (`privileged`, `allowPrivilegeEscalation`, `runAsUser`), so
 * rules about them must not ask for them there.
 */
export function isWindowsPod(resource: Resource): boolean {
  const os = asObject(podSpec(resource)?.os);
  return typeof os?.name === "string" && os.name.toLowerCase() === "windows";
}

/** `SYS_ADMIN` or `CAP_SYS_ADMIN` in `capabilities.add`: the capability that makes escalation possible anyway. */
export function addsSysAdmin(ref: ContainerRef): number | undefined {
  const added = asObject(containerSecurityContext(ref)?.capabilities)?.add;
  if (!Array.isArray(added)) return undefined;
  const index = added.findIndex((cap) => typeof cap === "string" && /^(CAP_)?SYS_ADMIN$/i.test(cap));
  return index === -1 ? undefined : index;
}

/**
 * JSON Patch that sets one field of a container's `securityContext`. `add` needs the parent to exist,
 * so when the container has no `securityContext` (or an empty `securityContext:`) the whole object is
 * added; undefined when `securityContext` holds something that is not an object and no safe patch exists.
 */
export function setContainerSecurityField(ref: ContainerRef, field: string, value: unknown): Operation[] | undefined {
  const current = ref.container.securityContext;
  const contextPath = joinPointer(ref.path, "securityContext");
  if (current === undefined || current === null) return [{ op: "add", path: contextPath, value: { [field]: value } }];
  if (!asObject(current)) return undefined;
  return [{ op: "add", path: joinPointer(contextPath, field), value }];
}

function asObject(value: unknown): KubeObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as KubeObject) : undefined;
}
