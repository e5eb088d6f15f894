/**
 * Values the API server fills in when a manifest leaves a field out, for the core kinds. Drift
 * only compares what Git declares, so this table is needed where that is not enough: a manifest
 * that spells out a default the server then omits (`readOnly: false`), a field a person set to its
 * default with `kubectl replace`, and the values written back to Git, which should not grow defaults.
 */

import { isDeepStrictEqual } from "node:util";
import { isRecord } from "../manifests/resource.js";

/** A computed default: the server derives it from the field's siblings (targetPort from port). */
type Derived = (siblings: Readonly<Record<string, unknown>>) => unknown;

interface DefaultRule {
  /** field path from its parents, `[]` for a list item; a leading `/` anchors it at the object's root */
  readonly path: string;
  readonly kinds?: readonly string[];
  /** one default, or several that different API versions use */
  readonly value?: unknown;
  readonly anyOf?: readonly unknown[];
  readonly derived?: Derived;
}

const WORKLOADS = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "Pod",
  "PodTemplate",
];
const WEBHOOKS = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];

const RULES: readonly DefaultRule[] = [
  // PodSpec
  ...["dnsPolicy:ClusterFirst", "restartPolicy:Always", "schedulerName:default-scheduler"].map((pair) => {
    const [field, value] = pair.split(":") as [string, string];
    return { path: `spec.${field}`, kinds: WORKLOADS, value };
  }),
  { path: "spec.securityContext", kinds: WORKLOADS, value: {} },
  { path: "spec.terminationGracePeriodSeconds", kinds: WORKLOADS, value: 30 },
  { path: "spec.enableServiceLinks", kinds: WORKLOADS, value: true },
  { path: "spec.preemptionPolicy", kinds: WORKLOADS, value: "PreemptLowerPriority" },
  { path: "spec.hostNetwork", kinds: WORKLOADS, value: false },
  { path: "spec.hostPID", kinds: WORKLOADS, value: false },
  { path: "spec.hostIPC", kinds: WORKLOADS, value: false },
  // the deprecated alias the server mirrors from serviceAccountName
  { path: "spec.serviceAccount", kinds: WORKLOADS, derived: (s) => s.serviceAccountName },
  // Container (init and ephemeral containers alike)
  ...["containers[]", "initContainers[]", "ephemeralContainers[]"].flatMap((list): DefaultRule[] => [
    { path: `${list}.imagePullPolicy`, derived: (s) => defaultPullPolicy(s.image) },
    { path: `${list}.terminationMessagePath`, value: "/dev/termination-log" },
    { path: `${list}.terminationMessagePolicy`, value: "File" },
    { path: `${list}.resources`, value: {} },
    { path: `${list}.stdin`, value: false },
    { path: `${list}.stdinOnce`, value: false },
    { path: `${list}.tty`, value: false },
  ]),
  { path: "ports[].protocol", value: "TCP" },
  { path: "ports[].hostPort", value: 0 },
  { path: "volumeMounts[].readOnly", value: false },
  { path: "fieldRef.apiVersion", value: "v1" },
  ...PROBES.flatMap((probe): DefaultRule[] => [
    { path: `${probe}.timeoutSeconds`, value: 1 },
    { path: `${probe}.periodSeconds`, value: 10 },
    { path: `${probe}.successThreshold`, value: 1 },
    { path: `${probe}.failureThreshold`, value: 3 },
    { path: `${probe}.initialDelaySeconds`, value: 0 },
    { path: `${probe}.httpGet.scheme`, value: "HTTP" },
  ]),
  ...["secret", "configMap", "projected", "downwardAPI"].map((source) => ({
    path: `volumes[].${source}.defaultMode`,
    value: 420,
  })),
  { path: "hostPath.type", value: "" },
  // workload controllers
  { path: "/spec/replicas", kinds: ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"], value: 1 },
  { path: "/spec/revisionHistoryLimit", kinds: ["Deployment", "StatefulSet", "DaemonSet"], value: 10 },
  { path: "/spec/minReadySeconds", kinds: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"], value: 0 },
  { path: "/spec/paused", kinds: ["Deployment"], value: false },
  { path: "/spec/progressDeadlineSeconds", kinds: ["Deployment"], value: 600 },
  { path: "/spec/strategy/type", kinds: ["Deployment"], value: "RollingUpdate" },
  { path: "/spec/strategy/rollingUpdate/maxSurge", kinds: ["Deployment"], value: "25%" },
  { path: "/spec/strategy/rollingUpdate/maxUnavailable", kinds: ["Deployment"], value: "25%" },
  { path: "/spec/podManagementPolicy", kinds: ["StatefulSet"], value: "OrderedReady" },
  { path: "/spec/updateStrategy/type", kinds: ["StatefulSet", "DaemonSet"], value: "RollingUpdate" },
  { path: "/spec/updateStrategy/rollingUpdate/partition", kinds: ["StatefulSet"], value: 0 },
  { path: "/spec/updateStrategy/rollingUpdate/maxUnavailable", kinds: ["DaemonSet"], value: 1 },
  { path: "/spec/updateStrategy/rollingUpdate/maxSurge", kinds: ["DaemonSet"], value: 0 },
  { path: "/spec/persistentVolumeClaimRetentionPolicy/whenDeleted", kinds: ["StatefulSet"], value: "Retain" },
  { path: "/spec/persistentVolumeClaimRetentionPolicy/whenScaled", kinds: ["StatefulSet"], value: "Retain" },
  { path: "volumeClaimTemplates[].apiVersion", kinds: ["StatefulSet"], value: "v1" },
  { path: "volumeClaimTemplates[].kind", kinds: ["StatefulSet"], value: "PersistentVolumeClaim" },
  { path: "volumeClaimTemplates[].spec.volumeMode", kinds: ["StatefulSet"], value: "Filesystem" },
  { path: "/spec/backoffLimit", kinds: ["Job"], value: 6 },
  { path: "/spec/completions", kinds: ["Job"], value: 1 },
  { path: "/spec/parallelism", kinds: ["Job"], value: 1 },
  { path: "/spec/completionMode", kinds: ["Job"], value: "NonIndexed" },
  { path: "/spec/suspend", kinds: ["Job", "CronJob"], value: false },
  { path: "/spec/podReplacementPolicy", kinds: ["Job"], value: "TerminatingOrFailed" },
  { path: "jobTemplate.spec.backoffLimit", kinds: ["CronJob"], value: 6 },
  { path: "/spec/concurrencyPolicy", kinds: ["CronJob"], value: "Allow" },
  { path: "/spec/successfulJobsHistoryLimit", kinds: ["CronJob"], value: 3 },
  { path: "/spec/failedJobsHistoryLimit", kinds: ["CronJob"], value: 1 },
  // Service
  { path: "/spec/type", kinds: ["Service"], value: "ClusterIP" },
  { path: "/spec/sessionAffinity", kinds: ["Service"], value: "None" },
  { path: "/spec/internalTrafficPolicy", kinds: ["Service"], value: "Cluster" },
  { path: "/spec/externalTrafficPolicy", kinds: ["Service"], value: "Cluster" },
  { path: "/spec/ipFamilyPolicy", kinds: ["Service"], value: "SingleStack" },
  { path: "/spec/allocateLoadBalancerNodePorts", kinds: ["Service"], value: true },
  { path: "/spec/publishNotReadyAddresses", kinds: ["Service"], value: false },
  { path: "/spec/ports[]/targetPort", kinds: ["Service"], derived: (s) => s.port },
  // storage
  { path: "/spec/volumeMode", kinds: ["PersistentVolumeClaim", "PersistentVolume"], value: "Filesystem" },
  { path: "/spec/persistentVolumeReclaimPolicy", kinds: ["PersistentVolume"], value: "Retain" },
  // others
  { path: "/type", kinds: ["Secret"], value: "Opaque" },
  { path: "/spec/finalizers", kinds: ["Namespace"], value: ["kubernetes"] },
  { path: "webhooks[].matchPolicy", kinds: WEBHOOKS, anyOf: ["Equivalent", "Exact"] },
  { path: "webhooks[].namespaceSelector", kinds: WEBHOOKS, value: {} },
  { path: "webhooks[].objectSelector", kinds: WEBHOOKS, value: {} },
  { path: "webhooks[].reinvocationPolicy", kinds: WEBHOOKS, value: "Never" },
  { path: "webhooks[].timeoutSeconds", kinds: WEBHOOKS, anyOf: [10, 30] },
  { path: "webhooks[].failurePolicy", kinds: WEBHOOKS, value: "Fail" },
  { path: "webhooks[].clientConfig.service.port", kinds: WEBHOOKS, value: 443 },
  { path: "webhooks[].rules[].scope", kinds: WEBHOOKS, value: "*" },
];

function defaultPullPolicy(image: unknown): string | undefined {
  if (typeof image !== "string") return undefined;
  if (image.includes("@")) return "IfNotPresent";
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastPart.includes(":") ? lastPart.slice(lastPart.indexOf(":") + 1) : "";
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}

interface CompiledRule extends DefaultRule {
  readonly segments: readonly string[];
  readonly anchored: boolean;
}

/** Rules indexed by the field they are about, since most lookups are for fields with no default. */
const BY_FIELD = new Map<string, CompiledRule[]>();
for (const rule of RULES) {
  const anchored = rule.path.startsWith("/");
  const segments = (anchored ? rule.path.slice(1).split("/") : rule.path.split(".")).flatMap((segment) =>
    segment.endsWith("[]") ? [segment.slice(0, -2), "[]"] : [segment],
  );
  const field = segments[segments.length - 1] as string;
  const list = BY_FIELD.get(field) ?? [];
  list.push({ ...rule, segments, anchored });
  BY_FIELD.set(field, list);
}

function endsWith(path: readonly string[], suffix: readonly string[], anchored: boolean): boolean {
  if (anchored ? path.length !== suffix.length : path.length < suffix.length) return false;
  const offset = path.length - suffix.length;
  for (let i = 0; i < suffix.length; i++) if (path[offset + i] !== suffix[i]) return false;
  return true;
}

/**
 * Whether `value` is what the server would have put at `path` (field names, `[]` for list items)
 * of an object of `kind`. `siblings` is the map that holds the field, for derived defaults.
 */
export function isDefaultValue(
  kind: string,
  path: readonly string[],
  value: unknown,
  siblings: Readonly<Record<string, unknown>>,
): boolean {
  const field = path[path.length - 1];
  if (field === undefined) return false;
  for (const rule of BY_FIELD.get(field) ?? []) {
    if (rule.kinds && !rule.kinds.includes(kind)) continue;
    if (!endsWith(path, rule.segments, rule.anchored)) continue;
    if (rule.derived) {
      const derived = rule.derived(siblings);
      if (derived !== undefined && isDeepStrictEqual(derived, value)) return true;
    } else if (rule.anyOf) {
      if (rule.anyOf.some((candidate) => isDeepStrictEqual(candidate, value))) return true;
    } else if (isDeepStrictEqual(rule.value, value)) return true;
  }
  return false;
}

/**
 * A copy of `value` (found at `path`) without the defaults in it, and without maps that only held
 * defaults. A map that was empty to begin with stays: `emptyDir: {}` means something.
 */
export function removeDefaults(kind: string, value: unknown, path: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => removeDefaults(kind, item, [...path, "[]"]));
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (isDefaultValue(kind, childPath, child, value)) continue;
    const cleaned = removeDefaults(kind, child, childPath);
    if (isRecord(cleaned) && isRecord(child) && Object.keys(child).length > 0 && Object.keys(cleaned).length === 0) continue;
    result[key] = cleaned;
  }
  return result;
}
