/**
 * Labels a controller puts on the pods it creates, on top of the pod template's own. A selector may use
 * them on purpose: a Service per StatefulSet pod (`statefulset.kubernetes.io/pod-name: kafka-0`), a
 * NetworkPolicy for one Job's pods (`job-name: migrate`). The template never shows them, so a selector
 * that requires them is still one that picks these pods.
 */
import { apiGroup, type Resource } from "../manifests/resource.js";

/** The Job controller's labels, which CronJobs get too since their pods are a Job's. */
const JOB_LABELS = [
  "controller-uid",
  "job-name",
  "batch.kubernetes.io/controller-uid",
  "batch.kubernetes.io/job-name",
  // Indexed Jobs only (the label since 1.28; an annotation before)
  "batch.kubernetes.io/job-completion-index",
];

/** By kind, for the built-in workloads; by `group/kind` for custom controllers. */
const ADDED_LABELS: Readonly<Record<string, readonly string[]>> = {
  // the ReplicaSet's hash, which the Deployment controller writes into each ReplicaSet's pod template
  Deployment: ["pod-template-hash"],
  StatefulSet: ["controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"],
  DaemonSet: ["controller-revision-hash", "pod-template-generation"],
  Job: JOB_LABELS,
  CronJob: JOB_LABELS,
  // OpenShift: the ReplicationController of the rollout and the DeploymentConfig's name
  DeploymentConfig: ["deployment", "deploymentconfig"],
  "argoproj.io/Rollout": ["rollouts-pod-template-hash"],
};

const NONE: ReadonlySet<string> = new Set();
const SETS = new Map(Object.entries(ADDED_LABELS).map(([key, labels]) => [key, new Set(labels)]));

/**
 * Keys of the labels the resource's controller adds to its pods. Empty for kinds that add none
 * (ReplicaSet, ReplicationController, a bare Pod) and for custom kinds Plumbline does not know.
 */
export function controllerLabelKeys(resource: Resource): ReadonlySet<string> {
  return SETS.get(`${apiGroup(resource.apiVersion)}/${resource.kind}`) ?? SETS.get(resource.kind) ?? NONE;
}
