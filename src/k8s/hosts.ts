/**
 * Whether a host a probe names is the pod itself. Probes run from the kubelet against the pod's IP, so
 * loopback names, the pod's own hostname and its own IP all stay inside the pod; anything else is
 * another host: a Service, a database, a URL on the internet.
 */
import type { KubeObject } from "../manifests/resource.js";

export type HostVerdict = "pod" | "other" | "unknown";

/** What the pod's own hostname, name and IP variables are set from (`valueFrom.fieldRef.fieldPath`). */
const POD_FIELDS = new Set(["metadata.name", "status.podIP", "status.podIPs"]);

/** Set by the kubelet in every container, to the pod's hostname. */
const POD_VARIABLES = new Set(["HOSTNAME"]);

const LOOPBACK = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|0\.0\.0\.0|::1?|127(\.\d{1,3}){3})$/i;

const VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|\(([A-Za-z_][A-Za-z0-9_]*)\)|([A-Za-z_][A-Za-z0-9_]*))/;

/** Command substitutions that print the pod's own name or address: `$(hostname -i)`, `` `hostname -f` ``. */
const OWN_HOSTNAME = /^(?:\$\(\s*hostname(?:\s+-[a-zA-Z]+)*\s*\)|`\s*hostname(?:\s+-[a-zA-Z]+)*\s*`)/;

/**
 * `localhost`, `127.0.0.1`, `[::1]` and `$(hostname)` are the pod; `postgres` is another host; a
 * variable the container does not set to something readable is unknown. A variable is read from the
 * container's env when its value is a literal or a reference to the pod's own name or IP.
 */
export function classifyHost(host: string, container?: KubeObject): HostVerdict {
  return resolveHost(host, container).verdict;
}

/** The verdict, and the host as the pod would see it once a variable is expanded (for messages). */
export function resolveHost(host: string, container?: KubeObject): { verdict: HostVerdict; host: string } {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  // a path is a unix socket, which only exists inside the pod
  if (bare === "" || bare.startsWith("/") || LOOPBACK.test(bare)) return { verdict: "pod", host: bare };
  // `$(hostname).web-headless` and `${POD_IP}` start with the pod itself, whatever domain follows
  if (OWN_HOSTNAME.test(bare)) return { verdict: "pod", host: bare };
  const variable = VARIABLE.exec(bare);
  if (variable) {
    const name = (variable[1] ?? variable[2] ?? variable[3]) as string;
    const value = envValue(container, name);
    if (value === POD) return { verdict: "pod", host: bare };
    if (value === undefined) return { verdict: POD_VARIABLES.has(name) ? "pod" : "unknown", host: bare };
    // one level of expansion: a variable naming another variable stays unknown
    const expanded = value + bare.slice(variable[0].length);
    return expanded.includes("$") ? { verdict: "unknown", host: bare } : resolveHost(expanded);
  }
  if (bare.includes("$") || bare.includes("`")) return { verdict: "unknown", host: bare };
  return { verdict: "other", host: bare };
}

/** Whether a probe's `host` field keeps the probe inside the pod (unknown counts as inside: no guessing). */
export function isPodLocal(host: string, container?: KubeObject): boolean {
  return classifyHost(host, container) !== "other";
}

const POD = Symbol("pod");

/** The container's literal value for a variable, POD for its own name or IP, undefined when unreadable. */
function envValue(container: KubeObject | undefined, name: string): string | typeof POD | undefined {
  const env = container?.env;
  if (!Array.isArray(env)) return undefined;
  // the last definition wins, as the kubelet applies them
  const entry = env.findLast((e) => e && typeof e === "object" && (e as { name?: unknown }).name === name) as
    | Record<string, unknown>
    | undefined;
  if (!entry) return undefined;
  if (typeof entry.value === "string") return entry.value;
  const fieldPath = (entry.valueFrom as { fieldRef?: { fieldPath?: unknown } } | undefined)?.fieldRef?.fieldPath;
  return typeof fieldPath === "string" && POD_FIELDS.has(fieldPath) ? POD : undefined;
}
