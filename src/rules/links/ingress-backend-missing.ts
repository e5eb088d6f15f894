import { namespaceOf } from "../../graph/workloads.js";
import { type IngressBackend, ingressBackends, type ServiceBackend } from "../../k8s/ingress.js";
import { isExternalName, servicePorts } from "../../k8s/service.js";
import type { Resource } from "../../manifests/resource.js";
import { kinds } from "../applies.js";
import type { Hit, Rule, RuleContext } from "../types.js";

export const ingressBackendMissing: Rule = {
  id: "ingress-backend-missing",
  title: "Ingress routes to a Service or port that does not exist",
  severity: "warning",
  category: "links",
  why: "An Ingress backend names a Service in the Ingress's namespace and one of its ports. When the Service or the port is not there, the controller has nowhere to send those requests and answers 503, usually after a rename on one side only.",
  peers: { kubeLinter: ["dangling-ingress"], kubeScore: ["ingress-targets-service"] },
  appliesTo: kinds("Ingress"),
  check: (resource, context) => ingressBackends(resource).flatMap((backend) => backendHits(resource, backend, context)),
};

function backendHits(ingress: Resource, backend: IngressBackend, { graph }: RuleContext): Hit[] {
  if (backend.form === "legacy-in-v1") {
    const named = backend.name ? ` "${backend.name}"` : "";
    return [
      {
        path: backend.path,
        message: `backend uses serviceName/servicePort, the v1beta1 spelling, so in ${ingress.apiVersion} it names no Service; write service: {name:${named || " …"}, port: {number: …}}`,
      },
    ];
  }
  const namespace = namespaceOf(ingress);
  const found = graph.lookup("Service", namespace, backend.name);
  if (found.status === "missing") {
    return [
      {
        path: backend.namePath,
        message: `backend Service "${backend.name}" is not found in these manifests (namespace "${namespace}"): requests routed to it fail unless it is created elsewhere, which the configuration's external list can declare`,
      },
    ];
  }
  if (found.status !== "found" || backend.port === undefined) return [];
  return portHit(backend, found.resources);
}

function portHit(backend: ServiceBackend, services: readonly Resource[]): Hit[] {
  // an ExternalName Service or one without ports passes the Ingress's port through unchecked
  if (services.some(isExternalName)) return [];
  const ports = services.flatMap(servicePorts);
  if (ports.length === 0) return [];
  const wanted = backend.port;
  const exposed = typeof wanted === "number" ? ports.some((p) => p.port === wanted) : ports.some((p) => p.name === wanted);
  if (exposed) return [];
  const offered = ports.map((p) => (p.name ? `${p.port ?? "?"} ("${p.name}")` : String(p.port ?? "?")));
  const what = typeof wanted === "number" ? `port ${wanted}` : `port named "${wanted}"`;
  return [
    {
      path: backend.portPath,
      message: `Service "${backend.name}" has no ${what}; it exposes ${offered.join(", ")}`,
    },
  ];
}
