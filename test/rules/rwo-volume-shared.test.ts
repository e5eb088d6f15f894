import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "rwo-volume-shared";

function claim(modes: string, name = "data"): string {
  return yaml`
    ---
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata: { name: ${name} }
    spec:
      accessModes: ${modes}
      resources: { requests: { storage: 10Gi } }
  `;
}

function workload(kind: string, replicas: string, extra = "{}"): string {
  return yaml`
    apiVersion: apps/v1
    kind: ${kind}
    metadata: { name: web }
    spec:
      ${replicas}
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          affinity: ${extra}
          containers: [{ name: web, image: app:1, volumeMounts: [{ name: data, mountPath: /data }] }]
          volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]
  `;
}

describe(RULE, () => {
  it("fires when several replicas mount a ReadWriteOnce claim, at the claim name", () => {
    const text = workload("Deployment", "replicas: 3") + claim("[ReadWriteOnce]");
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "warning",
      path: "/spec/template/spec/volumes/0/persistentVolumeClaim/claimName",
      ...positionOf(text, "claimName: data"),
    });
    expect(findings[0]?.message).toBe(
      '3 replicas mount ReadWriteOnce claim "data": the volume attaches to one node at a time, so pods scheduled on other nodes hang in ContainerCreating with a Multi-Attach error; give each pod its own volume (a StatefulSet with volumeClaimTemplates) or use a ReadWriteMany claim',
    );
  });

  it("explains ReadWriteOncePod, which admits one pod even on one node", () => {
    const text = workload("Deployment", "replicas: 2") + claim("[ReadWriteOncePod]");
    expect(findingsOf(RULE, text)[0]?.message).toContain("only one pod may use the volume, so the others stay Pending");
  });

  it("stays silent for one replica, ReadWriteMany claims and claims not in these manifests", () => {
    expect(findingsOf(RULE, workload("Deployment", "replicas: 1") + claim("[ReadWriteOnce]"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "") + claim("[ReadWriteOnce]"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3") + claim("[ReadWriteMany]"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3") + claim("[ReadOnlyMany]"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3") + claim("[ReadWriteOnce]", "other"))).toEqual([]);
  });

  it("counts a claim listing ReadWriteOnce among other modes: such a volume is never attached twice", () => {
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3") + claim("[ReadWriteOnce, ReadWriteMany]"))).toHaveLength(1);
  });

  it("never counts volumeClaimTemplates, which give each pod its own claim", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db }
      spec:
        replicas: 3
        serviceName: db
        selector: { matchLabels: { app: db } }
        template:
          metadata: { labels: { app: db } }
          spec:
            containers: [{ name: db, image: db:1, volumeMounts: [{ name: data, mountPath: /data }] }]
        volumeClaimTemplates:
          - metadata: { name: data }
            spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
    `;
    expect(findingsOf(RULE, text + claim("[ReadWriteOnce]"))).toEqual([]);
    // a shared claim named in the StatefulSet's pod template is shared all the same
    expect(findingsOf(RULE, workload("StatefulSet", "replicas: 2") + claim("[ReadWriteOnce]"))).toHaveLength(1);
  });

  it("counts an autoscaler's maximum, a DaemonSet's pod per node and a Job's parallelism", () => {
    const hpa = yaml`
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: { name: web }
      spec:
        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
        minReplicas: 1
        maxReplicas: 4
    `;
    expect(findingsOf(RULE, workload("Deployment", "replicas: 1") + hpa + claim("[ReadWriteOnce]"))[0]?.message).toMatch(
      /^up to 4 replicas \(its autoscaler's maximum\) mount/,
    );
    expect(findingsOf(RULE, workload("DaemonSet", "") + claim("[ReadWriteOnce]"))[0]?.message).toMatch(
      /^its pods \(one per node\) mount/,
    );
    const job = (parallelism: number) => yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: import }
      spec:
        parallelism: ${parallelism}
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: task, image: task:1 }]
            volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]
    `;
    expect(findingsOf(RULE, job(4) + claim("[ReadWriteOnce]"))[0]?.message).toMatch(/^4 parallel pods mount/);
    expect(findingsOf(RULE, job(1) + claim("[ReadWriteOnce]"))).toEqual([]);
  });

  it("accepts ReadWriteOnce when every pod must land on one node, but never ReadWriteOncePod", () => {
    const together =
      "{ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }] } }";
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3", together) + claim("[ReadWriteOnce]"))).toEqual([]);
    const pinned =
      "{ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: kubernetes.io/hostname, operator: In, values: [node-1] }] }] } } }";
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3", pinned) + claim("[ReadWriteOnce]"))).toEqual([]);
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3", pinned) + claim("[ReadWriteOncePod]"))).toHaveLength(1);
    // affinity to other pods does not keep these together
    const elsewhere = together.replace("app: web", "app: cache");
    expect(findingsOf(RULE, workload("Deployment", "replicas: 3", elsewhere) + claim("[ReadWriteOnce]"))).toHaveLength(1);
  });

  it("can be switched off per resource", () => {
    const text = (workload("Deployment", "replicas: 3") + claim("[ReadWriteOnce]")).replace(
      "metadata: { name: web }",
      "metadata: { name: web, annotations: { plumbline.dev/ignore: rwo-volume-shared } }",
    );
    expect(findingsOf(RULE, text)).toEqual([]);
  });
});
