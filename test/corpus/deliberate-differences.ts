import type { AcceptedDifference } from "./deliberate.js";

/**
 * Reviewed disagreements with the peers' labels. The labels are each peer's policy, not ground truth:
 * a `deliberate` entry says why Plumbline's answer serves its users better; a `bug` entry is a Plumbline
 * mistake that has been reported and is listed only until the rule is fixed. The agreement test fails on
 * a disagreement missing here and on an entry that no longer disagrees.
 */

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

const kubeScore = (file: string, check: string, reason: string, variant?: string): AcceptedDifference => ({
  peer: "kube-score",
  file: `score/testdata/${file}`,
  check: `kube-score:${check}`,
  ...(variant ? { variant } : {}),
  verdict: "deliberate",
  reason,
});

export const ACCEPTED_DIFFERENCES: readonly AcceptedDifference[] = [
  // kube-linter: different policy
  ...["Deployment/app", "DeploymentConfig/app"].map(
    (object): AcceptedDifference => ({
      peer: "kube-linter",
      file: "tests/checks/env-var-secret.yml",
      check: "kube-linter:env-var-secret",
      object,
      verdict: "deliberate",
      reason: SECRET_NAME_LAST_WORD,
    }),
  ),
  ...["Deployment/group-zero", "DeploymentConfig/group-zero"].map(
    (object): AcceptedDifference => ({
      peer: "kube-linter",
      file: "tests/checks/run-as-non-root.yml",
      check: "kube-linter:run-as-non-root",
      object,
      verdict: "deliberate",
      reason: ROOT_GROUP,
    }),
  ),

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
];
