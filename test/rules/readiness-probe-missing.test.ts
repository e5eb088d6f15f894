import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "readiness-probe-missing";

describe(RULE, () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          initContainers:
            - name: wait-for-db
              image: busybox:1.36
          containers:
            - name: web
              image: app:1.0
              readinessProbe:
                httpGet: { path: /ready, port: 8080 }
            - name: worker
              image: app:1.0
              livenessProbe:
                exec: { command: [true] }
  `;

  it("fires for a serving container without a readiness probe, at its `- name:` line", () => {
    const findings = findingsOf(RULE, text);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe('container "worker" has no readiness probe');
    expect(findings[0]).toMatchObject({ severity: "warning", ...positionOf(text, "name: worker") });
  });

  it("leaves init containers and Jobs alone", () => {
    const job = yaml`
      apiVersion: batch/v1
      kind: Job
      metadata: { name: once }
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{ name: task, image: task:1.0 }]
    `;
    expect(findingsOf(RULE, job)).toEqual([]);
    expect(findingsOf(RULE, text).some((f) => f.message.includes("wait-for-db"))).toBe(false);
  });

  it("stays silent when every container has one", () => {
    const good = text.replace("livenessProbe:", "readinessProbe:");
    expect(findingsOf(RULE, good)).toEqual([]);
  });

  it("honours kube-score's and Polaris' opt-out annotations for the same check", () => {
    const annotated = (annotations: string) => yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        annotations: ${annotations}
      spec:
        containers: [{ name: app, image: app:1.0 }]
    `;
    expect(findingsOf(RULE, annotated("{}"))).toHaveLength(1);
    expect(findingsOf(RULE, annotated('{ "kube-score/ignore": "pod-probes" }'))).toEqual([]);
    expect(findingsOf(RULE, annotated('{ "polaris.fairwinds.com/readinessProbeMissing-exempt": "true" }'))).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' readinessProbeMissing fixtures", () => {
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/readinessProbeMissing/failure.yaml"))).not.toEqual([]);
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/readinessProbeMissing/success.yaml"))).toEqual([]);
  });
});
