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
  "kube-score (with its default IgnoreContainerCpuLimitRequirement=false) requires a CPU limit; no Plumbline rule requires CPU limits, on purpose: CPU limits throttle a container even when the node has idle CPU, and the request already secures its share (cpu-limit-set, at info, points out the limits that are set)";

const kubeScore = (file: string, check: string, reason: string, variant?: string): AcceptedDifference => ({
  peer: "kube-score",
  file: `score/testdata/${file}`,
  check: `kube-score:${check}`,
  ...(variant ? { variant } : {}),
  verdict: "deliberate",
  reason,
});

// reliability rules (replicas, autoscalers, disruption budgets)

const TWO_REPLICAS =
  "kube-linter asks for three replicas (and an HPA minReplicas of three); Plumbline asks for two: two already keep a service up through one pod's loss, a node drain or a rollout (with a PodDisruptionBudget), and a third is a capacity decision rather than a readiness defect";

const REPLICAS_WITHOUT_SERVICE =
  "kube-score only counts the replicas of Deployments a Service targets; Plumbline checks every long-running Deployment and StatefulSet, because a worker or consumer without a Service goes down with its single pod just the same, and the Service may live in another repository";

const FIXED_REPLICA_THRESHOLD =
  "kube-score's MinReplicasDeployment / MinReplicasHPA options lower its threshold to 1; Plumbline's threshold is fixed at 2 (a team that accepts a single pod switches the rule off in the configuration or per resource), so one replica is reported under every setting";

const PDB_SINGLE_REPLICA =
  "the peer wants a PodDisruptionBudget for every Deployment/StatefulSet, these fixtures' single-replica ones included; for one replica no budget helps (minAvailable: 1 blocks every drain, maxUnavailable: 1 lets the only pod go), so Plumbline asks for a budget only where two or more pods can run and reports the lone replica through replicas-too-few";

const HPA_MIN_DEFAULT =
  "Polaris passes an HPA that leaves minReplicas out; the API server defaults it to 1, so the autoscaler scales down to a single pod exactly as with minReplicas: 1";

const PDB_MIN_EQUALS_REPLICAS =
  "Polaris fails only when minAvailable exceeds the HPA's minReplicas; when they are equal the budget already allows zero disruptions at the minimum (every pod must stay up), so drains block just the same";

const PDB_WITHOUT_HPA =
  "Polaris compares minAvailable only with an HPA's minReplicas and passes when no HPA scales the Deployment; the Deployment then runs its spec.replicas (1 when absent), and minAvailable 5 over one pod blocks every eviction";

const PDB_HPA_MIN_DEFAULT =
  "the HPA leaves minReplicas out, so the API server sets 1; whenever it has scaled down to one pod, minAvailable 2 blocks every eviction";

const PDB_FIXTURE_WITHOUT_PODS =
  "the fixture's Deployment has no pod spec (no containers; foo has no template at all), so the API server rejects it and it creates no pods for the budget to count; Plumbline judges a budget against the pods a workload creates, and its own tests cover the same three cases (replicas 1, HPA minReplicas 1, KEDA minReplicaCount 1) with complete Deployments";

const polaris = (file: string, check: string, reason: string): AcceptedDifference => ({
  peer: "polaris",
  file: `test/checks/${check}/${file}`,
  check: `polaris:${check}`,
  verdict: "deliberate",
  reason,
});

const kubeLinterObject = (file: string, check: string, object: string, reason: string): AcceptedDifference => ({
  peer: "kube-linter",
  file: `tests/checks/${file}`,
  check: `kube-linter:${check}`,
  object,
  verdict: "deliberate",
  reason,
});

// security, links and networking (issue 3, part B)
const ANY_HOST_PATH =
  "kube-linter's docker-sock looks only for the Docker socket; Plumbline reports every hostPath volume, as Polaris's hostPathSet does, and says what a sensitive path exposes: even an ordinary node socket or directory ties the pod to one node and lets a compromised container reach the node's files";

const INGRESS_ONLY_POLICY =
  "kube-linter counts a pod as isolated once any NetworkPolicy selects it; this policy has no policyTypes and no egress rules, so it restricts only incoming traffic and the pods can still connect anywhere: Plumbline reports the missing egress isolation, as kube-score and Polaris do";

const POLICY_TYPE_WITHOUT_RULES =
  "Polaris wants at least one ingress and one egress rule; a policy type listed without rules denies all traffic in that direction, the strongest isolation there is, so Plumbline counts the pods as isolated";

const BATCH_WITHOUT_POLICY =
  "network-policy-missing is about long-running workloads, whose pods accept connections until replaced; a CronJob's pods run to completion and serve nothing, so Plumbline does not ask for a NetworkPolicy for them";

const SERVICE_FIXTURE_WITHOUT_PODS =
  "the fixture's Deployments have no pod spec (no containers), so the API server rejects them and they create no pods; with no workload creating pods in the Service's namespace, the pods must come from elsewhere (another repository, an operator), and Plumbline stays silent rather than guess";

const GOVERNING_SERVICE_ELSEWHERE =
  "the StatefulSet's serviceName names a Service that is not in the manifests; it may be created elsewhere, so Plumbline judges only a governing Service it can see (and reports it when it is not headless)";

const STATEFULSET_SELECTOR_MISMATCH =
  "the fixture's StatefulSet selects app=foo while its template is labelled app=bar, which selector-mismatch reports as an error (the API server rejects the StatefulSet); the governing Service is headless, which is what statefulset-service-not-headless checks";

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

  // reliability: replicas, autoscalers and disruption budgets
  kubeLinterObject("minimum-three-replicas.yml", "minimum-three-replicas", "Deployment/app", TWO_REPLICAS),
  kubeLinterObject("minimum-three-replicas.yml", "minimum-three-replicas", "DeploymentConfig/app", TWO_REPLICAS),
  kubeLinterObject("hpa-minimum-three-replicas.yml", "hpa-minimum-three-replicas", "HorizontalPodAutoscaler/app", TWO_REPLICAS),
  ...["baz", "baz2", "baz3"].map((name) =>
    kubeLinterObject("pdb-min-available.yaml", "pdb-min-available", `PodDisruptionBudget/${name}`, PDB_FIXTURE_WITHOUT_PODS),
  ),
  kubeScore("service-not-target-deployment.yaml", "deployment-replicas", REPLICAS_WITHOUT_SERVICE),
  kubeScore(
    "service-target-deployment-replica-1.yaml",
    "deployment-replicas",
    FIXED_REPLICA_THRESHOLD,
    "MinReplicasDeployment=1",
  ),
  kubeScore("hpa-min-replicas-nok.yaml", "horizontalpodautoscaler-replicas", FIXED_REPLICA_THRESHOLD, "MinReplicasHPA=1"),
  ...[
    "deployment-poddisruptionbudget-v1beta1-no-match.yaml",
    "deployment-poddisruptionbudget-v1beta1-expression-no-match.yaml",
    "deployment-poddisruptionbudget-v1-no-match.yaml",
    "deployment-poddisruptionbudget-v1-different-namespace.yaml",
  ].map((file) => kubeScore(file, "deployment-has-poddisruptionbudget", PDB_SINGLE_REPLICA)),
  ...[
    "statefulset-poddisruptionbudget-v1beta1-no-match.yaml",
    "statefulset-poddisruptionbudget-v1beta1-expression-no-match.yaml",
  ].map((file) => kubeScore(file, "statefulset-has-poddisruptionbudget", PDB_SINGLE_REPLICA)),
  ...[
    "failure.yaml",
    "failure-bad-ns.yaml",
    "failure.bad-name.yaml",
    "failure.empty-labels.yaml",
    "failure.no-labels.yaml",
    "failure.no-metadata.yaml",
    "failure.wrong-place.yaml",
  ].map((file) => polaris(file, "missingPodDisruptionBudget", PDB_SINGLE_REPLICA)),
  polaris("success.minReplicaAbsent.yaml", "hpaMinAvailability", HPA_MIN_DEFAULT),
  polaris("success.equals.yaml", "pdbMinAvailableGreaterThanHPAMinReplicas", PDB_MIN_EQUALS_REPLICAS),
  polaris("success.hpa-no-match.yaml", "pdbMinAvailableGreaterThanHPAMinReplicas", PDB_WITHOUT_HPA),
  polaris("success.no-hpa.yaml", "pdbMinAvailableGreaterThanHPAMinReplicas", PDB_WITHOUT_HPA),
  polaris("success.no-min-replicas.yaml", "pdbMinAvailableGreaterThanHPAMinReplicas", PDB_HPA_MIN_DEFAULT),
  // security, links and networking (issue 3, part B)
  ...["Deployment/dont-fire", "DeploymentConfig/dont-fire"].map((object) =>
    kubeLinterObject("docker-sock.yml", "docker-sock", object, ANY_HOST_PATH),
  ),
  ...["Deployment/dont-fire", "DeploymentConfig/dont-fire"].map((object) =>
    kubeLinterObject("non-isolated-pod.yml", "non-isolated-pod", object, INGRESS_ONLY_POLICY),
  ),
  ...["Service/app1", "Service/app2"].map((object) =>
    kubeLinterObject("dangling-service.yml", "dangling-service", object, SERVICE_FIXTURE_WITHOUT_PODS),
  ),
  ...["failure.netpol_missing_egress_rules.yaml", "failure.netpol_missing_ingress_rules.yaml"].map((file) =>
    polaris(file, "missingNetworkPolicy", POLICY_TYPE_WITHOUT_RULES),
  ),
  kubeScore("networkpolicy-cronjob-not-matching-selector.yaml", "pod-networkpolicy", BATCH_WITHOUT_POLICY),
  kubeScore("statefulset-service-name-different-name.yaml", "statefulset-has-servicename", GOVERNING_SERVICE_ELSEWHERE),
  kubeScore("statefulset-service-name-different-label.yaml", "statefulset-has-servicename", STATEFULSET_SELECTOR_MISMATCH),
];
