import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "replicas-too-few";

function workload(kind: string, replicas: string, extra = ""): string {
  return yaml`
    apiVersion: apps/v1
    kind: ${kind}
    metadata: { name: web, namespace: shop }
    spec:
      ${replicas}
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers: [{ name: web, image: app:1 }]
          ${extra}
  `;
}

const hpa = yaml`
  ---
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web, namespace: shop }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: 2
    maxReplicas: 10
`;

describe(RULE, () => {
  it("fires on replicas: 1, at the field", () => {
    const text = workload("Deployment", "replicas: 1");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "/spec/replicas", ...positionOf(text, "replicas: 1") });
    expect(findings[0]?.message).toBe(
      "runs one replica: a node drain, an eviction or a crash takes it down until a new pod is ready; run at least 2, or let a HorizontalPodAutoscaler with minReplicas: 2 manage it",
    );
  });

  it("reads an absent replicas as 1, at spec", () => {
    const text = workload("StatefulSet", "serviceName: web");
    const [finding] = findingsOf(RULE, text);
    expect(finding).toMatchObject({ path: "/spec", ...positionOf(text, "spec:") });
    expect(finding?.message).toMatch(/^runs one replica \(spec.replicas is not set, so 1\)/);
  });

  it("stays silent at two or more, and for replicas: 0 (switched off on purpose)", () => {
    expect(findingsOf(RULE, workload("Deployment", "replicas: 2"))).toEqual([]);
    expect(findingsOf(RULE, workload("StatefulSet", "replicas: 5"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "replicas: 0"))).toEqual([]);
  });

  it("leaves the count to an autoscaler that targets the workload: an HPA or a KEDA ScaledObject", () => {
    expect(findingsOf(RULE, workload("Deployment", "replicas: 1") + hpa)).toEqual([]);
    const keda = yaml`
      ---
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: { name: web, namespace: shop }
      spec:
        scaleTargetRef: { name: web }
        minReplicaCount: 1
    `;
    expect(findingsOf(RULE, workload("Deployment", "", "") + keda)).toEqual([]);
    // an autoscaler for another workload, or in another namespace, does not count
    expect(findingsOf(RULE, workload("Deployment", "replicas: 1") + hpa.replace("name: web }", "name: api }"))).toHaveLength(1);
    expect(
      findingsOf(RULE, workload("Deployment", "replicas: 1") + hpa.replace("namespace: shop", "namespace: other")),
    ).toHaveLength(1);
    expect(findingsOf(RULE, workload("StatefulSet", "replicas: 1") + hpa)).toHaveLength(1);
  });

  it("never judges DaemonSets, Jobs or bare Pods", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: { name: agent }
      spec:
        template:
          spec:
            containers: [{ name: agent, image: agent:1 }]
      ---
      apiVersion: batch/v1
      kind: Job
      metadata: { name: once }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: task, image: task:1 }]
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: debug }
      spec:
        containers: [{ name: sh, image: busybox:1 }]
    `;
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("says that more replicas need their own volumes when the pod mounts a ReadWriteOnce claim", () => {
    const claim = yaml`
      ---
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: { name: data, namespace: shop }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 1Gi } }
    `;
    const text =
      workload("Deployment", "replicas: 1", "volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]") + claim;
    expect(findingsOf(RULE, text)[0]?.message).toContain(
      'it mounts ReadWriteOnce claim "data", so more replicas need a volume each (a StatefulSet with volumeClaimTemplates) or a ReadWriteMany claim',
    );
  });

  it("honours the peers' opt-outs", () => {
    const text = workload("Deployment", "replicas: 1").replace(
      "metadata: { name: web, namespace: shop }",
      'metadata: { name: web, namespace: shop, annotations: { kube-score/ignore: "deployment-replicas" } }',
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris and kube-score where the threshold is the same", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/deploymentMissingReplicas/failure.yaml"))).toHaveLength(1);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/deploymentMissingReplicas/success.yaml"))).toEqual([]);
    expect(findingsOf(RULE, corpusFile("kube-score/score/testdata/hpa-target-deployment.yaml"))).toEqual([]);
  });
});
