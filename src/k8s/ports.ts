/** Container ports and the ports probes connect to, resolved the way the kubelet resolves them. */
import type { KubeObject } from "../manifests/resource.js";
import type { ProbeField } from "./probes.js";

export const PROBE_FIELDS: readonly ProbeField[] = ["livenessProbe", "readinessProbe", "startupProbe"];

export interface DeclaredPort {
  readonly containerPort: number;
  readonly name?: string;
  /** TCP when left out */
  readonly protocol: string;
}

/** `ports` of a container, skipping entries without a usable number. */
export function declaredPorts(container: KubeObject): DeclaredPort[] {
  const ports = container.ports;
  if (!Array.isArray(ports)) return [];
  return ports.flatMap((entry) => {
    if (!entry || typeof entry !== "object") return [];
    const { containerPort, name, protocol } = entry as Record<string, unknown>;
    if (typeof containerPort !== "number") return [];
    return [
      {
        containerPort,
        ...(typeof name === "string" && name !== "" ? { name } : {}),
        protocol: typeof protocol === "string" && protocol !== "" ? protocol : "TCP",
      },
    ];
  });
}

export type ProbeHandler = "httpGet" | "tcpSocket" | "grpc";

export interface ProbeTarget {
  readonly handler: ProbeHandler;
  /** a number, or the name of one of the container's ports */
  readonly port: number | string;
  /** `host` of an httpGet or tcpSocket probe; the pod's own IP when absent */
  readonly host?: string;
}

const NETWORK_HANDLERS: readonly ProbeHandler[] = ["httpGet", "tcpSocket", "grpc"];

/**
 * Where a network probe connects. A digit string counts as the number it spells (the API server wants
 * an integer there, and schema checks say so). Undefined for exec probes and ports that are not set.
 */
export function probeTarget(probe: unknown): ProbeTarget | undefined {
  if (!probe || typeof probe !== "object") return undefined;
  for (const handler of NETWORK_HANDLERS) {
    const action = (probe as Record<string, unknown>)[handler];
    if (!action || typeof action !== "object") continue;
    const { port, host } = action as Record<string, unknown>;
    const parsed = typeof port === "number" ? port : typeof port === "string" && port !== "" ? numberOrName(port) : undefined;
    if (parsed === undefined) return undefined;
    return { handler, port: parsed, ...(typeof host === "string" && host !== "" ? { host } : {}) };
  }
  return undefined;
}

function numberOrName(port: string): number | string {
  return /^\d+$/.test(port) ? Number(port) : port;
}

/** Every probe handler connects over TCP: httpGet, tcpSocket and gRPC alike. */
export function servesTcp(port: DeclaredPort): boolean {
  return port.protocol.toUpperCase() === "TCP";
}
