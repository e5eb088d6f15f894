import { isPodLocal } from "../../k8s/hosts.js";
import { type DeclaredPort, declaredPorts, PROBE_FIELDS, type ProbeTarget, probeTarget, servesTcp } from "../../k8s/ports.js";
import type { ProbeField } from "../../k8s/probes.js";
import { type ContainerRef, containersOf, describeContainer, isWorkload } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { Hit, Rule } from "../types.js";

/**
 * A named port must be one of the container's own ports: the kubelet looks the name up there and nowhere
 * else, so a name it cannot find fails the probe every time. A number needs no declaration: declared ports
 * are informational, and apps listen on ports they never list (Elasticsearch declaring only its transport
 * port and probed on 9200 is normal), so a number is only questioned when it is a port another container
 * of the pod declares (the pod shares one network namespace, so the probe checks that container and
 * restarts this one for its faults). A sidecar that answers for this container, as a
 * mesh's rewritten probes do (`/app-health/<container>/livez` on the proxy's port), names the container
 * in the path and is left alone. A container that lists no ports says nothing to compare against.
 */
export const probePortUnknown: Rule = {
  id: "probe-port-unknown",
  title: "Probe targets a port the container does not declare",
  severity: "warning",
  category: "reliability",
  why: "A probe on a named port the container does not declare can never succeed: a liveness probe then restarts the container forever and a readiness probe keeps it out of every Service. A number that belongs to another container of the pod makes the probe test that container instead.",
  peers: { kubeLinter: ["liveness-port", "readiness-port", "startup-port"] },
  appliesTo: isWorkload,
  check: (resource) => {
    // native sidecars (init containers with restartPolicy: Always) are probed too
    const containers = containersOf(resource, ["container", "init"]);
    return containers.flatMap((ref) =>
      PROBE_FIELDS.flatMap((field) => {
        const target = probeTarget(ref.container[field]);
        // a probe of another host checks that host's port, which this pod cannot declare
        if (!target || (target.host !== undefined && !isPodLocal(target.host, ref.container))) return [];
        const siblings = containers.filter((other) => other !== ref);
        const hit = judge(ref, field, target, siblings);
        return hit ? [hit] : [];
      }),
    );
  },
};

function judge(ref: ContainerRef, field: ProbeField, target: ProbeTarget, siblings: readonly ContainerRef[]): Hit | undefined {
  const own = declaredPorts(ref.container);
  const path = joinPointer(ref.path, field, target.handler, "port");
  const probe = `${describeContainer(ref)} ${PROBE_NAMES[field]}`;
  const matching = own.filter((p) =>
    typeof target.port === "string" ? p.name === target.port : p.containerPort === target.port,
  );

  if (typeof target.port === "string") {
    if (matching.length === 0) {
      return {
        path,
        message: `${probe} uses port name "${target.port}", which the container does not declare, so the kubelet cannot resolve it and ${FAILURE[field]}; add it to the container's ports or use the number`,
      };
    }
  } else if (matching.length === 0) {
    const owner = siblings.find((other) => declaredPorts(other.container).some((p) => p.containerPort === target.port));
    if (owner) {
      if (answersFor(ref, field)) return undefined;
      return {
        path,
        message: `${probe} checks port ${target.port}, which ${describeContainer(owner)} declares: the probe tests that container, not this one; point it at a port this container serves`,
      };
    }
    return undefined;
  }
  // the kubelet resolves a name to its number whatever the protocol; probes then connect over TCP
  if (matching.length > 0 && !matching.some(servesTcp)) {
    const port = matching[0] as DeclaredPort;
    return {
      path,
      message: `${probe} checks port ${describePort(port)}, which the container declares for ${port.protocol} only, but probes connect over TCP: unless the app also listens on TCP there, ${FAILURE[field]}; probe a TCP port`,
    };
  }
  return undefined;
}

const PROBE_NAMES: Record<ProbeField, string> = {
  livenessProbe: "liveness probe",
  readinessProbe: "readiness probe",
  startupProbe: "startup probe",
};

const FAILURE: Record<ProbeField, string> = {
  livenessProbe: "the probe fails and the container is restarted over and over",
  readinessProbe: "the probe fails and the pod never receives traffic",
  startupProbe: "the probe fails and the container is restarted before it ever starts",
};

/** An HTTP probe whose path names the probed container: a sidecar answering on its behalf. */
function answersFor(ref: ContainerRef, field: ProbeField): boolean {
  const path = (ref.container[field] as { httpGet?: { path?: unknown } } | undefined)?.httpGet?.path;
  return typeof path === "string" && path.split("/").includes(ref.name);
}

function describePort(port: DeclaredPort): string {
  return port.name ? `${port.containerPort} (${port.name})` : String(port.containerPort);
}
