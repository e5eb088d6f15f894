import { describe, expect, it } from "vitest";
import { findingsOf, positionOf, yaml } from "./helpers.js";

const RULE = "liveness-probe-missing";

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        initContainers:
          - name: migrate
            image: app:1.0
        containers:
          - name: web
            image: app:1.0
            livenessProbe:
              httpGet: { path: /healthz, port: 8080 }
          - name: sidecar
            image: proxy:2.0
`;

describe(RULE, () => {
  it("fires for each serving container without a liveness probe, at its `- name:` line", () => {
    const findings = findingsOf(RULE, deployment);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe('container "sidecar" has no liveness probe');
    expect(findings[0]).toMatchObject(positionOf(deployment, "name: sidecar"));
  });

  it("never asks init containers for probes", () => {
    expect(
      findingsOf(RULE, deployment)
        .map((f) => f.message)
        .join(),
    ).not.toContain("migrate");
  });

  it("treats an empty `livenessProbe:` as missing", () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: app
            image: app:1.0
            livenessProbe:
    `;
    expect(findingsOf(RULE, text)).toHaveLength(1);
  });

  it("stays silent for Jobs, CronJobs and run-to-completion Pods", () => {
    const text = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: once }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: task, image: task:1.0 }]
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: nightly }
      spec:
        schedule: "0 0 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{ name: task, image: task:1.0 }]
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: debug }
      spec:
        restartPolicy: Never
        containers: [{ name: task, image: task:1.0 }]
    `;
    expect(findingsOf(RULE, text)).toEqual([]);
  });

  it("checks StatefulSets, DaemonSets, ReplicaSets and long-running Pods, including List items", () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: apps/v1
          kind: StatefulSet
          metadata: { name: db }
          spec:
            template:
              spec:
                containers: [{ name: db, image: db:1 }]
        - apiVersion: apps/v1
          kind: DaemonSet
          metadata: { name: agent }
          spec:
            template:
              spec:
                containers: [{ name: agent, image: agent:1 }]
        - apiVersion: apps/v1
          kind: ReplicaSet
          metadata: { name: rs }
          spec:
            template:
              spec:
                containers: [{ name: rs, image: rs:1 }]
        - apiVersion: v1
          kind: Pod
          metadata: { name: pod }
          spec:
            containers: [{ name: pod, image: pod:1 }]
    `;
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.resource.kind)).toEqual(["StatefulSet", "DaemonSet", "ReplicaSet", "Pod"]);
  });

  it("can be switched off per resource with the annotation, Plumbline's or a peer's", () => {
    for (const annotation of [
      "plumbline.dev/ignore: liveness-probe-missing",
      "ignore-check.kube-linter.io/no-liveness-probe: why",
    ]) {
      const text = yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            ${annotation}
        spec:
          containers: [{ name: app, image: app:1.0 }]
      `;
      expect(findingsOf(RULE, text), annotation).toEqual([]);
    }
  });
});
