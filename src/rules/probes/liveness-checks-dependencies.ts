import { connectionsOf } from "../../k8s/exec-command.js";
import { classifyHost, resolveHost } from "../../k8s/hosts.js";
import { type ContainerRef, containersOf, describeContainer, isLongRunning } from "../../k8s/workload.js";
import { joinPointer } from "../../manifests/pointer.js";
import type { KubeObject } from "../../manifests/resource.js";
import type { Hit, Rule } from "../types.js";

export const livenessChecksDependencies: Rule = {
  id: "liveness-checks-dependencies",
  title: "Liveness probe checks a dependency",
  severity: "warning",
  category: "reliability",
  why: "A liveness probe that reaches a database, another Service or a dependency's health check fails in every replica at once when that dependency is down, and the kubelet restarts them all: the outage spreads and restarting fixes nothing. Liveness should ask whether this process is stuck; readiness is where dependencies belong.",
  appliesTo: isLongRunning,
  // native sidecars (init containers with restartPolicy: Always) have liveness probes too
  check: (resource) =>
    containersOf(resource, ["container", "init"]).flatMap((ref) => {
      const probe = ref.container.livenessProbe;
      if (!probe || typeof probe !== "object") return [];
      const hit = reachesAnotherHost(ref, probe as KubeObject) ?? namesADependency(ref, probe as KubeObject);
      return hit ? [hit] : [];
    }),
};

const ADVICE =
  "restarting this container will not bring it back; keep liveness to this process alone and check the dependency in the readiness probe";

/** httpGet.host / tcpSocket.host naming another host, or an exec command connecting to one. */
function reachesAnotherHost(ref: ContainerRef, probe: KubeObject): Hit | undefined {
  const base = joinPointer(ref.path, "livenessProbe");
  for (const handler of ["httpGet", "tcpSocket"]) {
    const host = (probe[handler] as { host?: unknown } | undefined)?.host;
    if (typeof host === "string" && classifyHost(host, ref.container) === "other") {
      return {
        path: joinPointer(base, handler, "host"),
        message: `${describeContainer(ref)} liveness probe connects to ${host}, not to the pod itself: when ${host} is down ${ADVICE}`,
      };
    }
  }
  const command = (probe.exec as { command?: unknown } | undefined)?.command;
  if (!Array.isArray(command)) return undefined;
  for (const connection of connectionsOf(command)) {
    const { verdict, host } = resolveHost(connection.host, ref.container);
    if (verdict !== "other") continue;
    const reaches = host === connection.host ? host : `${connection.host} (${host})`;
    return {
      path: joinPointer(base, "exec", "command"),
      message: `${describeContainer(ref)} liveness probe runs ${connection.via}, which reaches ${reaches}: when ${host} is down ${ADVICE}`,
    };
  }
  return undefined;
}

/** A local health check whose path says it checks a dependency: /health/db, /ready/deps, /dependencies. */
function namesADependency(ref: ContainerRef, probe: KubeObject): Hit | undefined {
  const base = joinPointer(ref.path, "livenessProbe");
  const path = (probe.httpGet as { path?: unknown } | undefined)?.path;
  if (typeof path === "string") {
    const reason = dependencyIn(path);
    if (reason) return { path: joinPointer(base, "httpGet", "path"), message: message(ref, path, reason) };
  }
  const command = (probe.exec as { command?: unknown } | undefined)?.command;
  if (!Array.isArray(command)) return undefined;
  for (const connection of connectionsOf(command)) {
    const reason = connection.path === undefined ? undefined : dependencyIn(connection.path);
    if (reason) return { path: joinPointer(base, "exec", "command"), message: message(ref, connection.via, reason) };
  }
  return undefined;
}

function message(ref: ContainerRef, checked: string, reason: Reason): string {
  const hint = reason.hint ? ` (${reason.hint})` : "";
  return `${describeContainer(ref)} liveness probe checks ${checked}, ${reason.what}: when a dependency is down ${ADVICE}${hint}`;
}

interface Reason {
  readonly what: string;
  readonly hint?: string;
}

/** Path words that name something outside the process: a datastore, a broker, "the dependencies". */
const DEPENDENCY_WORDS = new Set([
  "db",
  "dbs",
  "database",
  "databases",
  "datasource",
  "datastore",
  "deps",
  "dependency",
  "dependencies",
  "downstream",
  "downstreams",
  "upstream",
  "upstreams",
  "external",
  "sql",
  "postgres",
  "postgresql",
  "pg",
  "mysql",
  "mariadb",
  "redis",
  "mongo",
  "mongodb",
  "cassandra",
  "memcached",
  "elasticsearch",
  "opensearch",
  "kafka",
  "rabbitmq",
  "amqp",
  "nats",
  "ldap",
  "smtp",
  "s3",
]);

/**
 * Why a health path looks beyond the process, or undefined. Only the path is read: a query such as
 * `/readyz?exclude=etcd` says what to leave out, not what to check.
 */
function dependencyIn(path: string): Reason | undefined {
  const bare = path.split(/[?#]/, 1)[0]?.toLowerCase() ?? "";
  // Spring Boot's aggregate endpoint includes every health indicator, the database's among them
  if (/(^|\/)actuator\/health\/?$/.test(bare)) {
    return {
      what: "Spring Boot's aggregate health, which includes every indicator (the database's, the broker's)",
      hint: "Spring Boot serves /actuator/health/liveness for this",
    };
  }
  const word = bare.split(/[^a-z0-9]+/).find((w) => DEPENDENCY_WORDS.has(w));
  return word ? { what: `whose path names a dependency (${word})` } : undefined;
}
