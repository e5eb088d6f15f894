import { describe, expect, it } from "vitest";
import { corpusFile, findingsOf, itWithCorpus, positionOf, yaml } from "./helpers.js";

const RULE = "memory-limit-missing";

describe(RULE, () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: { name: agent }
    spec:
      template:
        spec:
          initContainers:
            - name: setup
              image: agent:1
          containers:
            - name: agent
              image: agent:1
              resources:
                requests: { memory: 64Mi }
                limits:
                  cpu: 200m
            - name: limited
              image: agent:1
              resources:
                limits: { memory: 128Mi }
  `;

  it("fires for each container without a memory limit, init containers included", () => {
    const findings = findingsOf(RULE, text);
    expect(findings.map((f) => f.message)).toEqual([
      'init container "setup" has no memory limit',
      'container "agent" has no memory limit',
    ]);
    expect(findings[0]).toMatchObject(positionOf(text, "name: setup"));
    expect(findings[1]).toMatchObject(positionOf(text, "limits:\n"));
    expect(findings[1]?.path).toBe("/spec/template/spec/containers/0/resources/limits/memory");
  });

  it("stays silent when the pod sets a memory limit for all its containers", () => {
    const podLevel = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        resources:
          limits: { memory: 1Gi }
        containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, podLevel)).toEqual([]);
  });

  it("honours kube-linter's opt-out for the same check", () => {
    const annotated = text.replace(
      "name: agent }",
      'name: agent, annotations: { "ignore-check.kube-linter.io/unset-memory-requirements": "x" } }',
    );
    expect(annotated).not.toBe(text);
    expect(findingsOf(RULE, annotated)).toEqual([]);
  });

  itWithCorpus("agrees with Polaris' memoryLimitsMissing fixtures", () => {
    for (const file of ["failure.yaml", "failure.cpu.yaml"]) {
      expect(findingsOf(RULE, corpusFile(`polaris/test/checks/memoryLimitsMissing/${file}`)), file).not.toEqual([]);
    }
    expect(findingsOf(RULE, corpusFile("polaris/test/checks/memoryLimitsMissing/success.yaml"))).toEqual([]);
  });
});

describe(`${RULE} with a LimitRange`, () => {
  it("stays silent when a LimitRange gives containers a default memory limit, but not for a default request", () => {
    const range = (section: string) => yaml`
      apiVersion: v1
      kind: LimitRange
      metadata: { name: defaults }
      spec:
        limits:
          - type: Container
            ${section}: { memory: 512Mi }
    `;
    const pod = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers: [{ name: a, image: a:1 }]
    `;
    expect(findingsOf(RULE, `${range("default")}---\n${pod}`)).toEqual([]);
    expect(findingsOf(RULE, `${range("defaultRequest")}---\n${pod}`)).toHaveLength(1);
    expect(findingsOf("memory-request-missing", `${range("defaultRequest")}---\n${pod}`)).toEqual([]);
  });
});
