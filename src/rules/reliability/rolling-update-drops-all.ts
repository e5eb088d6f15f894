import type { ResourceGraph } from "../../graph/graph.js";
import { replicaRange } from "../../graph/scalers.js";
import { describeIntOrPercent, type IntOrPercent, isZero, parseIntOrPercent, scaledValue } from "../../k8s/int-or-percent.js";
import { compareVersions, parseKubeVersion } from "../../k8s/versions.js";
import { containersOf, podSpec } from "../../k8s/workload.js";
import { valueAt } from "../../manifests/pointer.js";
import { isRecord, type Resource } from "../../manifests/resource.js";
import { plural } from "../../plural.js";
import { kinds } from "../applies.js";
import type { Hit, Rule, RuleContext } from "../types.js";

export const rollingUpdateDropsAll: Rule = {
  id: "rolling-update-drops-all",
  title: "Rolling update may take every pod down at once",
  severity: "warning",
  category: "reliability",
  why: "A rolling update whose maxUnavailable covers every replica may stop all old pods before any new one is ready, so each rollout is an outage; with maxUnavailable and maxSurge both 0 it could make no progress at all, and the API server rejects it. Keep maxUnavailable below the replica count, or use maxUnavailable: 0 with maxSurge: 1.",
  appliesTo: kinds("Deployment", "DaemonSet", "StatefulSet"),
  check: (resource, context) => {
    switch (resource.kind) {
      case "Deployment":
        return deployment(resource, context.graph);
      case "DaemonSet":
        return daemonSet(resource);
      default:
        return statefulSet(resource, context);
    }
  },
};

const DEPLOYMENT = "/spec/strategy";
const DAEMON_SET = "/spec/updateStrategy";

/** Defaults 25% / 25%; the controller rounds maxUnavailable down and maxSurge up. */
function deployment(resource: Resource, graph: ResourceGraph): Hit[] {
  if (!isRollingUpdate(resource, DEPLOYMENT)) return [];
  const settings = rollingSettings(resource, DEPLOYMENT, "25%", "25%");
  if (!settings) return [];
  const { unavailable, surge, path } = settings;
  if (isZero(unavailable) && isZero(surge)) return [bothZero(path, "Deployment")];
  // a pod that binds a host port (or the host's network) cannot get a surge pod on its node: a rollout
  // there has to stop an old pod first, so maxUnavailable covering every replica is what lets it move
  if (bindsHostPorts(resource)) return [];
  const range = replicaRange(graph, resource);
  // an unreadable spec.replicas is schema-invalid's to report; switched off (0), nothing rolls
  if (!range || range.max === 0) return [];
  // the fewest pods it runs is where a fixed maxUnavailable covers the most of them
  const replicas = Math.max(range.min, 1);
  let down = scaledValue(unavailable, replicas, false);
  const extra = scaledValue(surge, replicas, true);
  // both rounded to 0: the controller allows one unavailable pod so the rollout can move
  const fencepost = down === 0 && extra === 0;
  if (fencepost) down = 1;
  if (down < replicas) return [];
  const count = `${plural(replicas, "replica")}${range.scalers.length > 0 ? " (its autoscaler's minimum)" : ""}`;
  const all = replicas === 1 ? "the only pod" : `all ${replicas}`;
  const how = fencepost
    ? `maxUnavailable ${describeIntOrPercent(unavailable)} and maxSurge ${describeIntOrPercent(surge)} both round to 0 of ${count}, and the controller then allows 1 pod down`
    : `maxUnavailable ${describeIntOrPercent(unavailable)} of ${count} lets ${all} go down at once`;
  return [
    {
      path: settings.unavailablePath,
      message: `${how}: a rollout may stop every old pod before a new one is ready; use maxUnavailable: 0 with maxSurge: 1`,
    },
  ];
}

/** Defaults maxUnavailable 1, maxSurge 0. Node count is unknown here, so only 100% and 0/0 are certain. */
function daemonSet(resource: Resource): Hit[] {
  if (!isRollingUpdate(resource, DAEMON_SET)) return [];
  const settings = rollingSettings(resource, DAEMON_SET, 1, 0);
  if (!settings) return [];
  const { unavailable, surge, path } = settings;
  if (isZero(unavailable) && isZero(surge)) return [bothZero(path, "DaemonSet")];
  if (unavailable.kind !== "percent" || unavailable.value < 100) return [];
  return [
    {
      path: settings.unavailablePath,
      message: `maxUnavailable ${describeIntOrPercent(unavailable)} replaces the pod on every node at once: a rollout stops all of them before a new one is ready; use a small maxUnavailable (1 or 10%), or maxSurge: 1 with maxUnavailable: 0`,
    },
  ];
}

/** maxUnavailable for StatefulSets became beta, and on by default, in Kubernetes 1.35. */
const STATEFULSET_MAX_UNAVAILABLE = { major: 1, minor: 35 };

/**
 * A StatefulSet has no surge: by default it replaces one pod at a time, so a single replica is always
 * down while it updates (replicas-too-few covers that). Only an explicit maxUnavailable can take them all,
 * and only where the controller honours it: Parallel pod management on a cluster with the feature on.
 */
function statefulSet(resource: Resource, context: RuleContext): Hit[] {
  if (!isRollingUpdate(resource, DAEMON_SET)) return [];
  const version = parseKubeVersion(context.kubernetesVersion);
  if (!version || compareVersions(version, STATEFULSET_MAX_UNAVAILABLE) < 0) return [];
  if (valueAt(resource.object, "/spec/podManagementPolicy") !== "Parallel") return [];
  const path = `${DAEMON_SET}/rollingUpdate/maxUnavailable`;
  const unavailable = parseIntOrPercent(valueAt(resource.object, path));
  if (!unavailable) return [];
  const range = replicaRange(context.graph, resource);
  if (!range || range.min < 2) return [];
  const replicas = range.min;
  // rounded up, and never below 1
  const down = Math.max(scaledValue(unavailable, replicas, true), 1);
  if (down < replicas) return [];
  return [
    {
      path,
      message: `maxUnavailable ${describeIntOrPercent(unavailable)} of ${replicas} replicas lets all of them restart together: every update is an outage; keep it below the replica count`,
    },
  ];
}

function isRollingUpdate(resource: Resource, strategyPath: string): boolean {
  const type = valueAt(resource.object, `${strategyPath}/type`);
  return type === undefined || type === null || type === "RollingUpdate";
}

interface RollingSettings {
  readonly unavailable: IntOrPercent;
  readonly surge: IntOrPercent;
  /** where the settings live, for findings about both */
  readonly path: string;
  /** maxUnavailable itself when written, else the block (or strategy) that leaves it to the default */
  readonly unavailablePath: string;
}

function rollingSettings(
  resource: Resource,
  strategyPath: string,
  unavailableDefault: number | string,
  surgeDefault: number | string,
): RollingSettings | undefined {
  const path = `${strategyPath}/rollingUpdate`;
  const rawUnavailable = valueAt(resource.object, `${path}/maxUnavailable`);
  const rawSurge = valueAt(resource.object, `${path}/maxSurge`);
  const unavailable = parseIntOrPercent(rawUnavailable ?? unavailableDefault);
  const surge = parseIntOrPercent(rawSurge ?? surgeDefault);
  if (!unavailable || !surge) return undefined;
  return {
    unavailable,
    surge,
    path,
    unavailablePath: rawUnavailable === undefined || rawUnavailable === null ? path : `${path}/maxUnavailable`,
  };
}

function bothZero(path: string, kind: string): Hit {
  return {
    path,
    message: `maxUnavailable and maxSurge are both 0, so a rollout could neither stop an old pod nor start a new one: the API server rejects this ${kind}; set maxSurge: 1 (or maxUnavailable: 1)`,
  };
}

/** Whether the pods bind ports of their node: hostNetwork, or a hostPort on any container. */
function bindsHostPorts(resource: Resource): boolean {
  const spec = podSpec(resource);
  if (!spec) return false;
  if (spec.hostNetwork === true) return true;
  return containersOf(resource, ["container", "init"]).some(
    (ref) =>
      Array.isArray(ref.container.ports) &&
      ref.container.ports.some((port) => isRecord(port) && port.hostPort !== undefined && port.hostPort !== 0),
  );
}
