/**
 * extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress → networking.k8s.io/v1, as the API
 * server's own conversion reads it: a backend's `serviceName`/`servicePort` become `service: {name,
 * port: {number | name}}`, `spec.backend` becomes `spec.defaultBackend`, and a path without
 * `pathType` gets `ImplementationSpecific`, the value v1beta1 defaulted it to, so every path matches
 * as before. Anything the conversion would have to guess at withholds the fix.
 */
import type { Operation } from "fast-json-patch";
import { joinPointer } from "../../manifests/pointer.js";
import type { KubeObject } from "../../manifests/resource.js";
import { asObject, isSet } from "./migration-values.js";

export const INGRESS_V1 = "networking.k8s.io/v1";

export function ingressV1Migration(object: KubeObject): Operation[] | undefined {
  const ops: Operation[] = [{ op: "replace", path: "/apiVersion", value: INGRESS_V1 }];
  if (!isSet(object.spec)) return ops;
  const spec = asObject(object.spec);
  // `defaultBackend` is not a v1beta1 field: with both, which one the author meant is a guess
  if (!spec || spec.defaultBackend !== undefined) return undefined;

  if (isSet(spec.backend)) {
    const backend = convertedBackend(spec.backend);
    if (!backend) return undefined;
    ops.push({ op: "add", path: "/spec/defaultBackend", value: backend }, { op: "remove", path: "/spec/backend" });
  }

  if (!isSet(spec.rules)) return ops;
  if (!Array.isArray(spec.rules)) return undefined;
  for (const [ruleIndex, rule] of spec.rules.entries()) {
    const http = asObject(rule)?.http;
    if (!isSet(http)) continue;
    const paths = asObject(http)?.paths;
    if (!Array.isArray(paths)) return undefined;
    for (const [pathIndex, entry] of paths.entries()) {
      const at = joinPointer("/spec/rules", ruleIndex, "http", "paths", pathIndex);
      const pathOps = pathMigration(entry, at);
      if (!pathOps) return undefined;
      ops.push(...pathOps);
    }
  }
  return ops;
}

/** One `paths` entry: its backend in the v1 spelling, and the `pathType` v1 requires. */
function pathMigration(entry: unknown, at: string): Operation[] | undefined {
  const path = asObject(entry);
  const backend = asObject(path?.backend);
  if (!path || !backend) return undefined;
  const ops: Operation[] = [];
  if (isServiceBackend(backend)) {
    const service = serviceOf(backend);
    if (!service) return undefined;
    const backendAt = joinPointer(at, "backend");
    ops.push(
      { op: "add", path: joinPointer(backendAt, "service"), value: service },
      { op: "remove", path: joinPointer(backendAt, "serviceName") },
      { op: "remove", path: joinPointer(backendAt, "servicePort") },
    );
  } else if (!isSet(backend.resource)) {
    return undefined;
  }
  if (!isSet(path.pathType)) ops.push({ op: "add", path: joinPointer(at, "pathType"), value: "ImplementationSpecific" });
  return ops;
}

/** The whole backend in the v1 spelling (for `defaultBackend`, which is added anew). */
function convertedBackend(value: unknown): KubeObject | undefined {
  const backend = asObject(value);
  if (!backend) return undefined;
  if (!isServiceBackend(backend)) return isSet(backend.resource) ? backend : undefined;
  const service = serviceOf(backend);
  if (!service) return undefined;
  const { serviceName: _name, servicePort: _port, ...rest } = backend;
  return { ...rest, service };
}

function isServiceBackend(backend: KubeObject): boolean {
  return backend.serviceName !== undefined || backend.servicePort !== undefined;
}

/**
 * `{name, port: {number}}` or `{name, port: {name}}`. v1beta1's servicePort is an int-or-string: a
 * number is a port number, a string a port name. A string of digits was never a valid port name, so
 * what it meant is not for a fix to decide; neither is a backend that names a resource too.
 */
function serviceOf(backend: KubeObject): KubeObject | undefined {
  const name = backend.serviceName;
  const port = backend.servicePort;
  if (typeof name !== "string" || name === "" || isSet(backend.resource)) return undefined;
  if (typeof port === "number" && Number.isInteger(port)) return { name, port: { number: port } };
  if (typeof port === "string" && port !== "" && !/^\d+$/.test(port)) return { name, port: { name: port } };
  return undefined;
}
