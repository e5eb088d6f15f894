/**
 * The backends of an Ingress. networking.k8s.io/v1 names a Service as `service: {name, port: {number |
 * name}}`; the removed v1beta1 APIs (networking.k8s.io and extensions) as `serviceName` and
 * `servicePort`. Each apiVersion is read in its own spelling.
 */
import { joinPointer } from "../manifests/pointer.js";
import type { KubeObject, Resource } from "../manifests/resource.js";

export interface ServiceBackend {
  readonly form: "service";
  readonly name: string;
  /** pointer of the key that names the Service */
  readonly namePath: string;
  readonly port: number | string | undefined;
  /** pointer of the key that gives the port (or of the backend when it gives none) */
  readonly portPath: string;
}

/** A networking.k8s.io/v1 backend written in the v1beta1 spelling: it names no Service there. */
export interface LegacyBackend {
  readonly form: "legacy-in-v1";
  readonly path: string;
  readonly name: string | undefined;
}

export type IngressBackend = ServiceBackend | LegacyBackend;

const V1 = "networking.k8s.io/v1";

/** Every backend naming a Service, the default backend first; resource backends are left out. */
export function ingressBackends(ingress: Resource): IngressBackend[] {
  const spec = asObject(ingress.object.spec);
  if (!spec) return [];
  const located: [KubeObject, string][] = [];
  for (const field of ["defaultBackend", "backend"]) {
    const backend = asObject(spec[field]);
    if (backend) located.push([backend, joinPointer("/spec", field)]);
  }
  (Array.isArray(spec.rules) ? spec.rules : []).forEach((rule: unknown, i) => {
    const paths = asObject(asObject(rule)?.http)?.paths;
    (Array.isArray(paths) ? paths : []).forEach((entry: unknown, j) => {
      const backend = asObject(asObject(entry)?.backend);
      if (backend) located.push([backend, joinPointer("/spec/rules", i, "http", "paths", j, "backend")]);
    });
  });
  return located.flatMap(([backend, path]) => readBackend(ingress.apiVersion, backend, path));
}

function readBackend(apiVersion: string, backend: KubeObject, path: string): IngressBackend[] {
  const service = asObject(backend.service);
  if (apiVersion === V1 || service) {
    if (service) {
      const name = service.name;
      if (typeof name !== "string" || name === "") return [];
      const port = asObject(service.port);
      const [value, key] =
        typeof port?.number === "number" ? [port.number, "number"] : typeof port?.name === "string" ? [port.name, "name"] : [];
      return [
        {
          form: "service",
          name,
          namePath: joinPointer(path, "service", "name"),
          port: value,
          portPath: key ? joinPointer(path, "service", "port", key) : joinPointer(path, "service"),
        },
      ];
    }
    if (backend.resource !== undefined || apiVersion !== V1) return [];
    if (backend.serviceName === undefined) return [];
    return [{ form: "legacy-in-v1", path, name: typeof backend.serviceName === "string" ? backend.serviceName : undefined }];
  }
  const name = backend.serviceName;
  if (typeof name !== "string" || name === "") return [];
  const port = backend.servicePort;
  return [
    {
      form: "service",
      name,
      namePath: joinPointer(path, "serviceName"),
      port: typeof port === "number" || typeof port === "string" ? port : undefined,
      portPath: joinPointer(path, port === undefined ? "serviceName" : "servicePort"),
    },
  ];
}

function asObject(value: unknown): KubeObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as KubeObject) : undefined;
}
