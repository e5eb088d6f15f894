/** Services and the ports they route to, as kube-proxy and the endpoints controller read them. */
import { joinPointer } from "../manifests/pointer.js";
import type { KubeObject, Resource } from "../manifests/resource.js";
import { isRecord } from "../manifests/resource.js";

export interface ServicePort {
  /** JSON pointer of the port entry */
  readonly path: string;
  readonly name: string | undefined;
  readonly port: number | undefined;
  /** the port on the pods: a number, a container port's name, or (when unset) the same as `port` */
  readonly targetPort: number | string | undefined;
  readonly targetPortSet: boolean;
}

export interface ContainerPort {
  readonly name: string | undefined;
  readonly containerPort: number | undefined;
}

function specOf(resource: Resource): KubeObject | undefined {
  const spec = resource.object.spec;
  return spec !== null && typeof spec === "object" && !Array.isArray(spec) ? (spec as KubeObject) : undefined;
}

/** `clusterIP: None`: no virtual IP; DNS answers with the pods' own addresses (and names them). */
export function isHeadless(service: Resource): boolean {
  return specOf(service)?.clusterIP === "None";
}

/** An ExternalName Service is a DNS alias: it has no selector and no endpoints of its own. */
export function isExternalName(service: Resource): boolean {
  return specOf(service)?.type === "ExternalName";
}

export function servicePorts(service: Resource): ServicePort[] {
  const ports = specOf(service)?.ports;
  if (!Array.isArray(ports)) return [];
  return ports.flatMap((entry: unknown, index): ServicePort[] => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return [];
    const { name, port, targetPort } = entry as KubeObject;
    const number = typeof port === "number" ? port : undefined;
    const target =
      typeof targetPort === "number" || (typeof targetPort === "string" && targetPort !== "") ? targetPort : undefined;
    return [
      {
        path: joinPointer("/spec/ports", index),
        name: typeof name === "string" && name !== "" ? name : undefined,
        port: number,
        targetPort: target ?? number,
        targetPortSet: target !== undefined,
      },
    ];
  });
}

/**
 * Ports the pod's containers declare. Sidecars (init containers with `restartPolicy: Always`) serve
 * like containers, so theirs count too.
 */
export function declaredContainerPorts(podSpec: KubeObject): ContainerPort[] {
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  const sidecars = (Array.isArray(podSpec.initContainers) ? podSpec.initContainers : []).filter(
    (container: unknown) => isRecord(container) && container.restartPolicy === "Always",
  );
  return [...containers, ...sidecars].flatMap((container: unknown) => {
    if (!isRecord(container) || !Array.isArray(container.ports)) return [];
    return container.ports.filter(isRecord).map((port) => ({
      name: typeof port.name === "string" && port.name !== "" ? port.name : undefined,
      containerPort: typeof port.containerPort === "number" ? port.containerPort : undefined,
    }));
  });
}
