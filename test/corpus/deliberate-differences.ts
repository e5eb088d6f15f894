import type { AcceptedDifference } from "./deliberate.js";

/**
 * Reviewed disagreements with the peers' labels. The labels are each peer's policy, not ground truth:
 * a `deliberate` entry says why Plumbline's answer serves its users better; a `bug` entry is a Plumbline
 * mistake that has been reported and is listed only until the rule is fixed. The agreement test fails on
 * a disagreement missing here and on an entry that no longer disagrees.
 */

const DEPLOYMENT_CONFIG =
  "DeploymentConfig (apps.openshift.io/v1) is an OpenShift-only kind, deprecated by Red Hat since OpenShift 4.14 in favour of Deployment; Plumbline checks the Kubernetes workload kinds";

const SECRET_NAME_LAST_WORD =
  "kube-linter flags any variable whose name contains 'secret' anywhere (SECRET_BLAH); Plumbline reads the last word of the name, which says what the value is (SECRET_NAME, SECRET_PATH and SECRET_BLAH are not secrets by name), and still flags any value that looks like a credential";

const ROOT_GROUP =
  "run-as-root is about the user: with runAsUser 1001 the process is not root. Group 0 (runAsGroup: 0) grants no root privileges and is the standard OpenShift arbitrary-UID pattern, so flagging it would push users to break images that rely on it";

const READINESS_WITHOUT_SERVICE =
  "kube-score only wants a readiness probe on pods a Service in the same namespace targets; Plumbline asks for one on every long-running container, because readiness also gates rolling updates (maxUnavailable, minReadySeconds) and the Service may live in another repository";

const READINESS_PER_CONTAINER =
  "kube-score is satisfied when one container of the pod has a readiness probe; Plumbline, like kube-linter and Polaris, asks per container: a container without one counts as ready the moment it starts, so whatever it serves goes untested";

const LIMITS_IMPLY_REQUESTS =
  "kube-score warns when only limits are set; Kubernetes then sets each request equal to its limit, so the scheduler has a request and Plumbline has nothing missing to report";

const NO_CPU_LIMIT =
  "kube-score (with its default IgnoreContainerCpuLimitRequirement=false) requires a CPU limit; Plumbline has no CPU-limit rule on purpose: CPU limits throttle a container even when the node has idle CPU, and the request already secures its share";

const REVIEW_APIS_MISSING =
  "api-data (generated from pluto's versions.yaml) has no entry for authorization.k8s.io/v1beta1 SubjectAccessReview, SelfSubjectAccessReview and LocalSubjectAccessReview; Kubernetes stopped serving them in 1.22 (deprecated in 1.19, replacement authorization.k8s.io/v1), so api-removed should fire at 1.22 and later";

const FLOWCONTROL_V1BETA1_REMOVAL =
  "api-data says flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema and PriorityLevelConfiguration are removed in 1.29 (pluto's versions.yaml; its correct 1.26 entry is filed under a non-existent kind 'FlowControl'); Kubernetes stopped serving v1beta1 in 1.26, so api-removed should fire at 1.26–1.28 where Plumbline says api-deprecated";

const SNAPSHOT_V1BETA1_MISSING =
  "api-data has no entry for snapshot.storage.k8s.io/v1beta1 (VolumeSnapshot, VolumeSnapshotClass, VolumeSnapshotContent), deprecated by the CSI external-snapshotter in favour of snapshot.storage.k8s.io/v1 (GA since Kubernetes 1.20); api-deprecated should fire, judged like the other add-on APIs (cert-manager, Istio)";

const kubeNoTroubleBug = (file: string, check: string, reason: string): AcceptedDifference => ({
  peer: "kube-no-trouble",
  file: `fixtures/${file}`,
  check: `kube-no-trouble:${check}`,
  verdict: "bug",
  reason,
});

const deploymentConfig = (check: string, file: string, object: string): AcceptedDifference => ({
  peer: "kube-linter",
  file,
  check: `kube-linter:${check}`,
  object,
  verdict: "deliberate",
  reason: DEPLOYMENT_CONFIG,
});

const kubeScore = (file: string, check: string, reason: string, variant?: string): AcceptedDifference => ({
  peer: "kube-score",
  file: `score/testdata/${file}`,
  check: `kube-score:${check}`,
  ...(variant ? { variant } : {}),
  verdict: "deliberate",
  reason,
});

export const ACCEPTED_DIFFERENCES: readonly AcceptedDifference[] = [
  // kube-linter: OpenShift DeploymentConfig objects in its fixtures
  deploymentConfig("env-var-secret", "tests/checks/env-var-secret.yml", "DeploymentConfig/app"),
  deploymentConfig("latest-tag", "tests/checks/latest-tag.yml", "DeploymentConfig/app"),
  deploymentConfig("mismatching-selector", "tests/checks/mismatching-selector.yml", "DeploymentConfig/app2"),
  deploymentConfig("no-liveness-probe", "tests/checks/no-liveness-probe.yml", "DeploymentConfig/app2"),
  deploymentConfig("no-readiness-probe", "tests/checks/no-readiness-probe.yml", "DeploymentConfig/app2"),
  deploymentConfig("privilege-escalation-container", "tests/checks/privilege-escalation-container.yml", "DeploymentConfig/app2"),
  deploymentConfig("privileged-container", "tests/checks/privileged-container.yml", "DeploymentConfig/app2"),
  deploymentConfig("run-as-non-root", "tests/checks/run-as-non-root.yml", "DeploymentConfig/app2"),
  deploymentConfig("run-as-non-root", "tests/checks/run-as-non-root.yml", "DeploymentConfig/group-zero"),
  deploymentConfig("unset-cpu-requirements", "tests/checks/unset-cpu-requirements.yml", "DeploymentConfig/app2"),
  deploymentConfig("unset-memory-requirements", "tests/checks/unset-memory-requirements.yml", "DeploymentConfig/app2"),

  // kube-linter: different policy
  {
    peer: "kube-linter",
    file: "tests/checks/env-var-secret.yml",
    check: "kube-linter:env-var-secret",
    object: "Deployment/app",
    verdict: "deliberate",
    reason: SECRET_NAME_LAST_WORD,
  },
  {
    peer: "kube-linter",
    file: "tests/checks/run-as-non-root.yml",
    check: "kube-linter:run-as-non-root",
    object: "Deployment/group-zero",
    verdict: "deliberate",
    reason: ROOT_GROUP,
  },

  // kube-score
  kubeScore("pod-probes-not-targeted-by-service.yaml", "pod-probes", READINESS_WITHOUT_SERVICE),
  kubeScore("pod-probes-not-targeted-by-service-multi-labels.yaml", "pod-probes", READINESS_WITHOUT_SERVICE),
  kubeScore("pod-probes-targeted-by-service-different-namespace.yaml", "pod-probes", READINESS_WITHOUT_SERVICE),
  kubeScore("pod-probes-on-different-containers.yaml", "pod-probes", READINESS_PER_CONTAINER),
  kubeScore("pod-test-resources-only-limits.yaml", "container-resources", LIMITS_IMPLY_REQUESTS),
  kubeScore("deployment-test-resources.yaml", "container-resources", LIMITS_IMPLY_REQUESTS),
  kubeScore("statefulset-test-resources.yaml", "container-resources", LIMITS_IMPLY_REQUESTS),
  kubeScore(
    "pod-test-resources-limits-and-requests-no-cpu-limit.yaml",
    "container-resources",
    NO_CPU_LIMIT,
    "IgnoreContainerCpuLimitRequirement=false",
  ),

  // kube-no-trouble: gaps in the API lifecycle data (reported; remove each entry once the data is fixed)
  kubeNoTroubleBug("subjectaccessreview-v1beta1.yaml", "deprecated-1-22", REVIEW_APIS_MISSING),
  kubeNoTroubleBug("selfsubjectaccessreview-v1beta1.yaml", "deprecated-1-22", REVIEW_APIS_MISSING),
  kubeNoTroubleBug("localsubjectaccessreview-v1beta1.yaml", "deprecated-1-22", REVIEW_APIS_MISSING),
  kubeNoTroubleBug("flowschema-v1beta1.yaml", "deprecated-1-26", FLOWCONTROL_V1BETA1_REMOVAL),
  kubeNoTroubleBug("prioritylevelconfiguration-v1beta1.yaml", "deprecated-1-26", FLOWCONTROL_V1BETA1_REMOVAL),
  kubeNoTroubleBug("volumesnapshot-v1beta1.yaml", "deprecated-future", SNAPSHOT_V1BETA1_MISSING),
  kubeNoTroubleBug("volumesnapshotclass-v1beta1.yaml", "deprecated-future", SNAPSHOT_V1BETA1_MISSING),
  kubeNoTroubleBug("volumesnapshotcontent-v1beta1.yaml", "deprecated-future", SNAPSHOT_V1BETA1_MISSING),
];
